package io.atrium.server.routes;

import io.atrium.platform.Bus;
import io.atrium.server.http.Caller;
import io.atrium.server.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How a route asks a context: the caller and request id, plus the route's own fields; the answer becomes the response. */
final class Contexts {

  private final Vertx vertx;

  Contexts(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<JsonObject> ask(String address, JsonObject request) {
    return Bus.request(vertx, address, request);
  }

  /** Asks on behalf of the authenticated caller. */
  Future<JsonObject> askAs(RoutingContext ctx, String address, JsonObject fields) {
    return ask(address, Caller.request(ctx).mergeIn(fields));
  }

  void reply(RoutingContext ctx, int status, String address, JsonObject fields) {
    Replies.json(ctx, status, askAs(ctx, address, fields));
  }

  void noContent(RoutingContext ctx, String address, JsonObject fields) {
    Replies.noContent(ctx, askAs(ctx, address, fields));
  }
}
