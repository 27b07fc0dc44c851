package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingMetrics;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.Times;
import io.atrium.worker.BatchHandler;
import io.atrium.worker.Job;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of ledger jobs: checks and charges its top-ups first ({@link TopUpGate}: the provider is idempotent by
 * top-up id, so a retried batch never charges twice), then one transaction that locks the batch's ledgers rows, reads
 * what the planner needs, and writes the {@link BatchPlan}.
 */
public final class LedgerBatchHandler implements BatchHandler {

  private final Pool pool;
  private final Clock clock;
  private final TopUpGate gate;
  private final int partitions;

  public LedgerBatchHandler(Pool pool, Clock clock, PaymentProvider provider, int partitions) {
    this.pool = pool;
    this.clock = clock;
    this.gate = new TopUpGate(provider);
    this.partitions = partitions;
  }

  @Override
  public Future<Void> apply(List<Job> jobs) {
    List<LedgerJob> parsed;
    try {
      parsed = jobs.stream().map(LedgerJob::parse).toList();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Instant now = Times.now(clock);
    return gate.charge(pool, parsed).compose(charges -> pool.withTransaction(tx -> LedgerReads.lockLedgers(tx, parsed, now)
            .compose(states -> LedgerReads.openLots(tx, states.keySet())
                .compose(lots -> LedgerReads.seenSources(tx, parsed)
                    .compose(seen -> finalTopUps(tx, parsed)
                        .map(done -> BatchPlanner.plan(parsed, new BatchPlanner.Input(states, lots, seen, charges, done, now, partitions))))))
            .compose(plan -> PlanWriter.write(tx, plan, now).map(plan))))
        .onSuccess(plan -> plan.topUps.stream().filter(BatchPlan.TopUpRow::completed).forEach(t -> BillingMetrics.topUpEnded(t.status())))
        .mapEmpty();
  }

  private static Future<Set<UUID>> finalTopUps(SqlClient client, List<LedgerJob> jobs) {
    UUID[] ids = jobs.stream().filter(LedgerJob.TopUp.class::isInstance).map(j -> ((LedgerJob.TopUp) j).topUpId()).toArray(UUID[]::new);
    if (ids.length == 0) {
      return Future.succeededFuture(Set.of());
    }
    return client.preparedQuery(LedgerReads.FINAL_TOP_UPS).execute(Tuple.of((Object) ids))
        .map(rows -> {
          Set<UUID> done = new HashSet<>();
          rows.forEach(row -> done.add(row.getUUID("id")));
          return done;
        });
  }
}
