package io.atrium.server.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes a context's answer as the HTTP response, or hands its failure to {@link Problems}. */
public final class Replies {

  private Replies() {}

  public static void json(RoutingContext ctx, int status, Future<JsonObject> answer) {
    encodedJson(ctx, status, answer.map(JsonObject::toBuffer));
  }

  /** An answer already encoded as JSON (UTF-8). */
  public static void encodedJson(RoutingContext ctx, int status, Future<Buffer> answer) {
    answer.onSuccess(json -> ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .end(json))
        .onFailure(ctx::fail);
  }

  public static void noContent(RoutingContext ctx, Future<?> answer) {
    answer.onSuccess(ignored -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
