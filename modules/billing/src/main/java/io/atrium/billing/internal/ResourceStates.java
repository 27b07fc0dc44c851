package io.atrium.billing.internal;

import io.atrium.billing.BillingMetrics;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * Applies the ledger's status to a workspace's resources (suspend or resume, idempotent) as a state, not a verb: each
 * application carries the ledger seq it was decided at, and one older than (or as old as) the last applied is ignored. So
 * "resumed" then "suspended" delivered out of order leave a paid workspace running. The row of {@code billing.resource_states}
 * is locked for the application, so two processes apply one workspace's states one after the other.
 */
public final class ResourceStates {

  private static final Logger log = LoggerFactory.getLogger(ResourceStates.class);
  private static final String ENSURE = """
      INSERT INTO billing.resource_states (workspace_id, status, ledger_seq, applied_at) VALUES ($1, 'active', -1, $2)
      ON CONFLICT (workspace_id) DO NOTHING""";
  private static final String LOCK = "SELECT ledger_seq FROM billing.resource_states WHERE workspace_id = $1 FOR UPDATE";
  private static final String RECORD = "UPDATE billing.resource_states SET status = $2, ledger_seq = $3, applied_at = $4 WHERE workspace_id = $1";

  private final Pool pool;
  private final Workspaces workspaces;
  private final Clock clock;

  ResourceStates(Pool pool, Workspaces workspaces, Clock clock) {
    this.pool = pool;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /**
   * Applies {@code status} ("active" or "suspended") decided at ledger {@code seq}; false when a newer one was applied already.
   * A null seq (a notification from before seqs) is applied without being recorded.
   */
  Future<Boolean> apply(UUID workspaceId, String status, Long seq) {
    if (seq == null) {
      return command(workspaceId, status).map(true);
    }
    var now = Times.toDb(Times.now(clock));
    return pool.withTransaction(tx -> tx.preparedQuery(ENSURE).execute(Tuple.of(workspaceId, now))
        .compose(ensured -> tx.preparedQuery(LOCK).execute(Tuple.of(workspaceId)))
        .compose(rows -> {
          long applied = rows.iterator().next().getLong("ledger_seq");
          if (seq <= applied) {
            log.info("{} of workspace {} at ledger seq {} ignored: seq {} was applied already", status, workspaceId, seq, applied);
            BillingMetrics.reconcilerAction("resource_states", "stale_ignored", 1);
            return Future.succeededFuture(false);
          }
          return command(workspaceId, status)
              .compose(done -> tx.preparedQuery(RECORD).execute(Tuple.of(workspaceId, status, seq, now))).map(true);
        }));
  }

  private Future<Void> command(UUID workspaceId, String status) {
    return "suspended".equals(status) ? workspaces.suspendResources(workspaceId) : workspaces.resumeResources(workspaceId);
  }
}
