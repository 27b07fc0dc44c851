package io.atrium.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes a context's answer as the HTTP response, or hands its failure to {@link Problems}. */
public final class Replies {

  private Replies() {}

  public static void json(RoutingContext ctx, int status, Future<JsonObject> answer) {
    answer.onSuccess(json -> ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .end(json.encode()))
        .onFailure(ctx::fail);
  }

  public static void noContent(RoutingContext ctx, Future<?> answer) {
    answer.onSuccess(ignored -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
