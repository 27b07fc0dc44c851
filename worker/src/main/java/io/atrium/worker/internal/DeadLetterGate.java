package io.atrium.worker.internal;

import io.atrium.platform.DeadLetters;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the deterministic failures of each job in PostgreSQL ({@code platform.job_failures}), so the count
 * holds across redeliveries, worker restarts and workers, and only those failures count: at
 * {@code billing.deliveryLimit} the job is kept as a dead letter ({@link DeadLetters}) with why.
 */
public final class DeadLetterGate {

  private final Pool pool;
  private final String prefix;
  private final int limit;
  private final Set<String> failing = ConcurrentHashMap.newKeySet(); // ids this process counted a failure for

  public DeadLetterGate(Pool pool, String amqpPrefix, int limit) {
    this.pool = pool;
    this.prefix = amqpPrefix + ".";
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** Counts one failure; true when that was the last one allowed and the job is now a dead letter. */
  Future<Boolean> countFailure(PartitionConsumer.Delivered d, Throwable cause) {
    String id = d.job().id().toString();
    return DeadLetters.recordFailure(pool, id, cause.toString()).compose(failures -> {
      failing.add(id);
      return failures < limit ? Future.succeededFuture(false) : bury(d, cause.toString(), failures);
    });
  }

  /** Keeps the delivery as a dead letter; true once stored. */
  Future<Boolean> bury(PartitionConsumer.Delivered d, String reason, int failures) {
    String id = d.properties().getMessageId() != null ? d.properties().getMessageId() : "unidentified-" + UUID.randomUUID();
    String exchange = d.envelope().getExchange();
    DeadLetters.DeadLetter letter = new DeadLetters.DeadLetter(id, exchange.startsWith(prefix) ? exchange.substring(prefix.length()) : exchange,
        d.envelope().getRoutingKey(), d.properties().getType(), d.body(), reason, failures, null);
    return pool.withTransaction(tx -> DeadLetters.park(tx, letter)).map(v -> {
      failing.remove(id);
      return true;
    });
  }

  /** Drops the failure counts of jobs that have now been applied; never fails (a stale count is harmless). */
  Future<Void> forget(List<PartitionConsumer.Delivered> applied) {
    if (failing.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> ids = applied.stream().map(d -> d.job().id().toString()).filter(failing::contains).toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return DeadLetters.forgetFailures(pool, ids).onSuccess(v -> ids.forEach(failing::remove)).otherwiseEmpty();
  }
}
