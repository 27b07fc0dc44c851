package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.server.http.Caller;
import io.atrium.server.http.ClientAddress;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.server.http.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Identity": sign-up, sessions, password and API tokens ({@code /me} itself is {@link MeRoutes}). */
final class IdentityRoutes {

  private final Contexts contexts;

  private IdentityRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    IdentityRoutes routes = new IdentityRoutes(contexts);
    api.post("/users").handler(routes::signUp);
    api.post("/sessions").handler(routes::signIn);
    api.delete("/sessions/current").handler(auth).handler(ctx -> contexts.noContent(ctx, IdentityAddresses.SIGN_OUT, token(ctx)));
    api.put("/me/password").handler(auth).handler(routes::changePassword);
    api.post("/me/api-tokens").handler(auth).handler(routes::createApiToken);
    api.get("/me/api-tokens").handler(auth).handler(ctx -> contexts.reply(ctx, 200, IdentityAddresses.LIST_API_TOKENS, Paging.of(ctx)));
    api.delete("/me/api-tokens/:tokenId").handler(auth).handler(ctx -> contexts.noContent(ctx,
        IdentityAddresses.REVOKE_API_TOKEN, new JsonObject().put("tokenId", Paths.uuid(ctx, "tokenId"))));
  }

  private void signUp(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("password").requiredString("name").valid();
    Replies.json(ctx, 201, contexts.ask(IdentityAddresses.SIGN_UP, body));
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("password").valid()
        .put("clientAddress", ClientAddress.of(ctx));
    Replies.json(ctx, 201, contexts.ask(IdentityAddresses.SIGN_IN, body));
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("currentPassword").requiredString("newPassword").valid();
    contexts.noContent(ctx, IdentityAddresses.CHANGE_PASSWORD, body.mergeIn(token(ctx)));
  }

  private void createApiToken(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("name").optionalString("expiresAt").valid();
    contexts.reply(ctx, 201, IdentityAddresses.CREATE_API_TOKEN, body);
  }

  private static JsonObject token(RoutingContext ctx) {
    return new JsonObject().put("tokenId", Caller.of(ctx).tokenId().toString());
  }
}
