package io.atrium.worker.internal.ledger;

import io.atrium.worker.Job;
import io.atrium.worker.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Applies an {@code AUTO_TOP_UP_ENDED} job (BillingJobs): clears the ledger's automatic top-up "in flight" flag if it still
 * names the job's top-up and that top-up is not pending, so the next crossing may charge again. One statement under the
 * ledgers row lock; a repeat, or a flag that names a newer top-up by now, changes nothing.
 */
public final class AutoTopUpEndedHandler implements JobHandler {

  private static final String CLEAR_FLAG = """
      UPDATE billing.ledgers l SET auto_top_up_pending = NULL
       WHERE l.workspace_id = $1 AND l.auto_top_up_pending = $2
         AND NOT EXISTS (SELECT 1 FROM billing.top_ups t WHERE t.id = l.auto_top_up_pending AND t.status = 'pending')""";

  private final Pool pool;

  public AutoTopUpEndedHandler(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> handle(Job job) {
    UUID workspaceId;
    UUID topUpId;
    try {
      workspaceId = UUID.fromString(job.payload().getString("workspaceId"));
      topUpId = UUID.fromString(job.payload().getString("topUpId"));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("auto-top-up-ended job " + job.id() + " has a bad payload", e));
    }
    return pool.preparedQuery(CLEAR_FLAG).execute(Tuple.of(workspaceId, topUpId)).mapEmpty();
  }
}
