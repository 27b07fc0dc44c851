package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.server.http.Caller;
import io.atrium.server.http.Paging;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gate in front of every {@code /admin} route: the identity context decides who is a platform operator (a
 * listed email, verified, with two-factor sign-in on, calling with a session that proved it) and writes the call to the operator audit log before it
 * runs; its status is added once answered. Everyone else gets 403 before anything is looked up.
 */
final class OperatorRoutes {

  private final Contexts contexts;

  private OperatorRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    OperatorRoutes routes = new OperatorRoutes(contexts);
    api.route("/admin/*").handler(auth).handler(routes::gate);
    api.get("/admin/audit-log").handler(auth).handler(ctx -> contexts.reply(ctx, 200, IdentityAddresses.OPERATOR_AUDIT_LOG, Paging.of(ctx)));
  }

  private void gate(RoutingContext ctx) {
    JsonObject call = Caller.request(ctx)
        .put("tokenId", Caller.of(ctx).tokenId().toString())
        .put("method", ctx.request().method().name())
        .put("path", ctx.request().path())
        .put("body", body(ctx));
    contexts.ask(IdentityAddresses.AUTHORIZE_OPERATOR, call).onSuccess(entry -> {
      ctx.addEndHandler(ended -> contexts.ask(IdentityAddresses.OPERATOR_CALL_ENDED, new JsonObject()
          .put("entryId", entry.getString("entryId")).put("status", ctx.response().getStatusCode())));
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** The request body when it is a JSON object (admin bodies hold no secrets), for the log. */
  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

}
