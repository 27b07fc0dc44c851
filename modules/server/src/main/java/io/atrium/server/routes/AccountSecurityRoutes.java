package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Identity": email verification, password reset and two-factor sign-in (TOTP). */
final class AccountSecurityRoutes {

  private final Contexts contexts;

  private AccountSecurityRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    AccountSecurityRoutes routes = new AccountSecurityRoutes(contexts);
    api.post("/users/verify-email").handler(ctx -> routes.anonymous(ctx, 200, IdentityAddresses.VERIFY_EMAIL,
        JsonBody.of(ctx).requiredString("token").valid()));
    api.post("/me/verification-mail").handler(auth).handler(ctx -> contexts.reply(ctx, 202, IdentityAddresses.SEND_VERIFICATION_MAIL, new JsonObject()));
    api.post("/password-resets").handler(ctx -> routes.anonymous(ctx, 202, IdentityAddresses.REQUEST_PASSWORD_RESET,
        JsonBody.of(ctx).requiredString("email").valid().put("clientAddress", ctx.request().remoteAddress().hostAddress())));
    api.post("/password-resets/confirm").handler(ctx -> Replies.noContent(ctx, contexts.ask(IdentityAddresses.CONFIRM_PASSWORD_RESET,
        JsonBody.of(ctx).requiredString("token").requiredString("newPassword").valid())));
    api.post("/me/mfa/totp").handler(auth).handler(ctx -> contexts.reply(ctx, 201, IdentityAddresses.ENROL_TOTP, new JsonObject()));
    api.post("/me/mfa/totp/confirm").handler(auth).handler(ctx -> contexts.reply(ctx, 200, IdentityAddresses.CONFIRM_TOTP,
        JsonBody.of(ctx).requiredString("code").valid()));
    api.delete("/me/mfa/totp").handler(auth).handler(ctx -> contexts.noContent(ctx, IdentityAddresses.DISABLE_TOTP,
        JsonBody.of(ctx).optionalString("code").optionalString("recoveryCode").valid()));
    api.post("/sessions/mfa").handler(ctx -> routes.anonymous(ctx, 201, IdentityAddresses.SIGN_IN_MFA,
        JsonBody.of(ctx).requiredString("mfaToken").optionalString("code").optionalString("recoveryCode").valid()));
  }

  private void anonymous(RoutingContext ctx, int status, String address, JsonObject body) {
    Replies.json(ctx, status, contexts.ask(address, body));
  }
}
