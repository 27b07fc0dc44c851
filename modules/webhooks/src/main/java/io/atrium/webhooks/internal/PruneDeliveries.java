package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes settled deliveries (succeeded or failed) last tried more than {@code retention} ago, then the events no
 * delivery refers to any more, a batch at a time, every {@value #EVERY_MINUTES} minutes. Pending deliveries stay,
 * however old. Every API process may run it: two deleting the same rows only wait for each other.
 */
public final class PruneDeliveries {

  static final int EVERY_MINUTES = 10;
  private static final int BATCH = 5_000;
  private static final Logger log = LoggerFactory.getLogger(PruneDeliveries.class);
  private static final String DELIVERIES = "DELETE FROM webhooks.deliveries WHERE id IN (SELECT id FROM webhooks.deliveries"
      + " WHERE status <> 'pending' AND created_at < $1 AND COALESCE(last_attempt_at, created_at) < $1 LIMIT " + BATCH + ")";
  private static final String EVENTS = "DELETE FROM webhooks.events WHERE id IN (SELECT v.id FROM webhooks.events v"
      + " WHERE v.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhooks.deliveries d WHERE d.event_id = v.id) LIMIT " + BATCH + ")";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Duration retention;
  private long timer = -1;

  PruneDeliveries(Vertx vertx, Pool pool, Clock clock, Duration retention) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.retention = retention;
  }

  public void start() {
    timer = vertx.setPeriodic(Duration.ofMinutes(EVERY_MINUTES).toMillis(), id -> prune()
        .onFailure(e -> log.warn("webhook retention: pruning failed ({}); tried again in {} min", e.toString(), EVERY_MINUTES)));
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Prunes till nothing is older than the retention; answers how many rows went. */
  public Future<Integer> prune() {
    Instant cutoff = Times.now(clock).minus(retention);
    return batch(DELIVERIES, cutoff, 0).compose(deliveries -> batch(EVENTS, cutoff, deliveries));
  }

  private Future<Integer> batch(String sql, Instant cutoff, int sum) {
    return pool.preparedQuery(sql).execute(Tuple.of(Times.toDb(cutoff))).compose(rows -> rows.rowCount() < BATCH
        ? Future.succeededFuture(sum + rows.rowCount()) : batch(sql, cutoff, sum + rows.rowCount()));
  }
}
