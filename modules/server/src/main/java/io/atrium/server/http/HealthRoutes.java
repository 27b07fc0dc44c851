package io.atrium.server.http;

import io.atrium.platform.Readiness;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The API process's health routes over {@link Readiness} (API port and management port), and the API's gate until it started. */
final class HealthRoutes {

  private HealthRoutes() {}

  static void mount(Router router, Readiness readiness) {
    router.get("/health/live").handler(ctx -> write(ctx, Readiness.live()));
    router.get("/health/ready").handler(ctx -> readiness.ready().onSuccess(answer -> write(ctx, answer)));
  }

  /** Until the process has started, API requests answer 503 with a problem document and a {@code Retry-After}. */
  static void gate(Readiness readiness, RoutingContext ctx) {
    if (readiness.isStarted()) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json").putHeader("Retry-After", "5")
        .end(new JsonObject().put("type", "about:blank").put("title", "Service Unavailable").put("status", 503)
            .put("detail", "Atrium is starting: waiting for PostgreSQL and RabbitMQ").put("code", "unavailable").encode());
  }

  private static void write(RoutingContext ctx, Readiness.Answer answer) {
    ctx.response().setStatusCode(answer.statusCode()).putHeader("Content-Type", "application/json").end(answer.body().encode());
  }
}
