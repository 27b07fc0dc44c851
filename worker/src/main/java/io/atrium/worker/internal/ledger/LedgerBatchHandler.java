package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingMetrics;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.Times;
import io.atrium.worker.BatchHandler;
import io.atrium.worker.Job;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Applies a batch of ledger jobs: checks and charges its top-ups first ({@link TopUpGate}: the provider is idempotent by
 * top-up id, so a retried batch never charges twice), then one transaction that locks the batch's ledgers rows, reads
 * what the planner needs ({@link LedgerReads}), and writes the {@link BatchPlan} ({@link PlanWriter}).
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
    return gate.charge(pool, parsed).compose(charges -> pool.withTransaction(tx -> LedgerReads.read(tx, parsed, now)
            .map(read -> BatchPlanner.plan(parsed, new BatchPlanner.Input(read.states(), read.openLots(), read.seenSources(), charges,
                read.finalTopUps(), now, partitions)))
            .compose(plan -> PlanWriter.write(tx, plan, now).map(plan))))
        .onSuccess(plan -> plan.topUps.stream().filter(BatchPlan.TopUpRow::completed).forEach(t -> BillingMetrics.topUpEnded(t.status())))
        .mapEmpty();
  }
}
