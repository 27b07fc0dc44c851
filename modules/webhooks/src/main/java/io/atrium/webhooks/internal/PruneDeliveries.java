package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Deletes settled deliveries (succeeded or failed) last tried more than {@code retention} ago, then the events no
 * delivery refers to any more, a batch at a time, every {@value #EVERY_MINUTES} minutes. Pending deliveries stay,
 * however old. Every API process may run it: two deleting the same rows only wait for each other.
 */
public final class PruneDeliveries {

  static final int EVERY_MINUTES = 10;
  private static final Logger log = LoggerFactory.getLogger(PruneDeliveries.class);

  private final Vertx vertx;
  private final UnitOfWork<WebhookTables> storage;
  private final Clock clock;
  private final Duration retention;
  private long timer = -1;

  PruneDeliveries(Vertx vertx, UnitOfWork<WebhookTables> storage, Clock clock, Duration retention) {
    this.vertx = vertx;
    this.storage = storage;
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
    Deliveries deliveries = storage.read().deliveries();
    return batches(deliveries::pruneSettled, cutoff, 0).compose(settled -> batches(deliveries::pruneUnreferencedEvents, cutoff, settled));
  }

  /** Batch after batch, each committing on its own, till one deletes less than a full batch. */
  private static Future<Integer> batches(Function<Instant, Future<Integer>> batch, Instant cutoff, int sum) {
    return batch.apply(cutoff).compose(deleted -> deleted < Deliveries.PRUNE_BATCH
        ? Future.succeededFuture(sum + deleted) : batches(batch, cutoff, sum + deleted));
  }
}
