package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live} answers while the process serves; {@code /health/ready} only once the process has started
 * (it waits for PostgreSQL and RabbitMQ at start) and while both answer. Dead letters and parked outbox rows
 * are warnings: the process stays ready, and an operator sees what to replay. Answers are status codes and JSON bodies;
 * each process's HTTP server writes them (the API's ManagementVerticle and router, the worker's WorkerHealthVerticle).
 */
public final class Readiness {

  private static final String BACKLOG = """
      SELECT (SELECT count(*) FROM platform.dead_letters) AS dead_letters, (SELECT count(*) FROM platform.outbox_parked) AS parked""";

  private static final long READY_CHECK_SECONDS = 3;

  private final Pool pool;
  private final BooleanSupplier brokerConnected;
  private volatile boolean started;

  public Readiness(Pool pool, BooleanSupplier brokerConnected) {
    this.pool = pool;
    this.brokerConnected = brokerConnected;
  }

  /** Called once the process's services answered and everything is deployed. */
  public void started() {
    started = true;
  }

  public boolean isStarted() {
    return started;
  }

  /** An HTTP answer: its status code and JSON body. */
  public record Answer(int statusCode, JsonObject body) {}

  /** {@code /health/live}: 200 while the process serves. */
  public static Answer live() {
    return new Answer(200, new JsonObject().put("status", "up"));
  }

  /** {@code /health/ready}: 200 once started and while PostgreSQL and RabbitMQ answer, else 503; never fails. */
  public Future<Answer> ready() {
    // Bounded: a probe must answer even when the pool cannot get a connection (one once hung a bench's start).
    Future<Row> backlog = pool.query(BACKLOG).execute().map(rows -> rows.iterator().next())
        .timeout(READY_CHECK_SECONDS, TimeUnit.SECONDS);
    return backlog.transform(result -> {
      boolean postgres = result.succeeded();
      boolean broker = brokerConnected.getAsBoolean();
      boolean ready = started && postgres && broker;
      JsonObject body = new JsonObject()
          .put("status", ready ? "up" : "down")
          .put("checks", new JsonObject()
              .put("started", started ? "up" : "down")
              .put("postgresql", postgres ? "up" : "down")
              .put("rabbitmq", broker ? "up" : "down"));
      if (postgres) {
        long deadLetters = result.result().getLong("dead_letters");
        long parked = result.result().getLong("parked");
        JsonArray warnings = new JsonArray();
        if (deadLetters > 0) {
          warnings.add(deadLetters + " billing job(s) in the dead-letter queue: see ./atrium dead-letters list");
        }
        if (parked > 0) {
          warnings.add(parked + " parked outbox message(s): see ./atrium outbox list");
        }
        body.put("deadLetters", deadLetters).put("parkedOutboxMessages", parked).put("warnings", warnings);
      }
      return Future.succeededFuture(new Answer(ready ? 200 : 503, body));
    });
  }
}
