package io.atrium.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.function.BooleanSupplier;

/** {@code /health/live} answers while the process serves; {@code /health/ready} only while PostgreSQL and RabbitMQ answer. */
public final class Readiness {

  private final Pool pool;
  private final BooleanSupplier brokerConnected;

  public Readiness(Pool pool, BooleanSupplier brokerConnected) {
    this.pool = pool;
    this.brokerConnected = brokerConnected;
  }

  public static void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "up"));
  }

  public void ready(RoutingContext ctx) {
    Future<Boolean> database = pool.query("SELECT 1").execute().map(rows -> true).otherwise(false);
    database.onComplete(result -> {
      boolean postgres = result.succeeded() && result.result();
      boolean broker = brokerConnected.getAsBoolean();
      boolean ready = postgres && broker;
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(new JsonObject()
              .put("status", ready ? "up" : "down")
              .put("checks", new JsonObject()
                  .put("postgresql", postgres ? "up" : "down")
                  .put("rabbitmq", broker ? "up" : "down"))
              .encode());
    });
  }
}
