package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.Bus;
import io.atrium.server.http.Caller;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.server.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Identity": sign-up, sessions, the caller's profile, password and API tokens. */
public final class IdentityRoutes {

  private final Vertx vertx;

  private IdentityRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  public static void mount(Router api, Vertx vertx, Handler<RoutingContext> auth) {
    IdentityRoutes routes = new IdentityRoutes(vertx);
    api.post("/users").handler(routes::signUp);
    api.post("/sessions").handler(routes::signIn);
    api.delete("/sessions/current").handler(auth).handler(routes::signOut);
    api.get("/me").handler(auth).handler(routes::me);
    api.patch("/me").handler(auth).handler(routes::updateMe);
    api.put("/me/password").handler(auth).handler(routes::changePassword);
    api.post("/me/api-tokens").handler(auth).handler(routes::createApiToken);
    api.get("/me/api-tokens").handler(auth).handler(routes::listApiTokens);
    api.delete("/me/api-tokens/:tokenId").handler(auth).handler(routes::revokeApiToken);
  }

  private void signUp(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("password").requiredString("name").valid();
    Replies.json(ctx, 201, ask(IdentityAddresses.SIGN_UP, body));
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("password").valid()
        .put("clientAddress", ctx.request().remoteAddress().hostAddress());
    Replies.json(ctx, 201, ask(IdentityAddresses.SIGN_IN, body));
  }

  private void signOut(RoutingContext ctx) {
    Replies.noContent(ctx, ask(IdentityAddresses.SIGN_OUT, new JsonObject().put("tokenId", Caller.of(ctx).tokenId().toString())));
  }

  private void me(RoutingContext ctx) {
    Replies.json(ctx, 200, ask(IdentityAddresses.ME, caller(ctx)));
  }

  private void updateMe(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).optionalString("name").optionalString("currentWorkspaceId").valid();
    Replies.json(ctx, 200, ask(IdentityAddresses.UPDATE_ME, body.mergeIn(caller(ctx))));
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("currentPassword").requiredString("newPassword").valid()
        .put("tokenId", Caller.of(ctx).tokenId().toString());
    Replies.noContent(ctx, ask(IdentityAddresses.CHANGE_PASSWORD, body.mergeIn(caller(ctx))));
  }

  private void createApiToken(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("name").optionalString("expiresAt").valid();
    Replies.json(ctx, 201, ask(IdentityAddresses.CREATE_API_TOKEN, body.mergeIn(caller(ctx))));
  }

  private void listApiTokens(RoutingContext ctx) {
    Replies.json(ctx, 200, ask(IdentityAddresses.LIST_API_TOKENS, Paging.of(ctx).mergeIn(caller(ctx))));
  }

  private void revokeApiToken(RoutingContext ctx) {
    JsonObject request = caller(ctx).put("tokenId", Paths.uuid(ctx, "tokenId"));
    Replies.noContent(ctx, ask(IdentityAddresses.REVOKE_API_TOKEN, request));
  }

  private static JsonObject caller(RoutingContext ctx) {
    return new JsonObject().put("userId", Caller.of(ctx).userId().toString());
  }

  private Future<JsonObject> ask(String address, JsonObject request) {
    return Bus.request(vertx, address, request);
  }
}
