package io.atrium.billing.internal;

import io.atrium.billing.BillingMetrics;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * Applies the ledger's status to a workspace's resources (suspend or resume, idempotent) as a state, not a verb: each
 * application carries the ledger seq it was decided at, and one older than the last applied (or as old and the same) is
 * ignored. So "resumed" then "suspended" delivered out of order leave a paid workspace running. A budget change suspends or
 * resumes without a new entry, at the same seq: that one is applied, and the reconciler repairs the rare reordering. The state is recorded in one short
 * statement and the command is sent outside any transaction (it needs a connection of the same pool: holding one meanwhile
 * would let a burst of notifications take them all). When a newer state was recorded while its command was on its way, the
 * newer one is sent again after it, so the last command the resources get is the last recorded state's.
 */
public final class ResourceStates {

  private static final Logger log = LoggerFactory.getLogger(ResourceStates.class);
  // Returns what it replaced, so that a command that then fails can be undone (a redelivery or the reconciler tries again).
  private static final String RECORD = """
      WITH before AS (SELECT status, ledger_seq, applied_at FROM billing.resource_states WHERE workspace_id = $1)
      INSERT INTO billing.resource_states AS r (workspace_id, status, ledger_seq, applied_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (workspace_id) DO UPDATE SET status = EXCLUDED.status, ledger_seq = EXCLUDED.ledger_seq, applied_at = EXCLUDED.applied_at
       WHERE r.ledger_seq < EXCLUDED.ledger_seq OR (r.ledger_seq = EXCLUDED.ledger_seq AND r.status <> EXCLUDED.status)
      RETURNING (SELECT status FROM before) AS old_status, (SELECT ledger_seq FROM before) AS old_seq,
                (SELECT applied_at FROM before) AS old_applied_at""";
  private static final String UNDO = """
      UPDATE billing.resource_states SET status = $3, ledger_seq = $4, applied_at = $5 WHERE workspace_id = $1 AND ledger_seq = $2""";
  private static final String UNDO_FIRST = "DELETE FROM billing.resource_states WHERE workspace_id = $1 AND ledger_seq = $2";
  private static final String RECORDED = "SELECT status, ledger_seq FROM billing.resource_states WHERE workspace_id = $1";

  private final Pool pool;
  private final BillableWorkspaces workspaces;
  private final Clock clock;

  ResourceStates(Pool pool, BillableWorkspaces workspaces, Clock clock) {
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
    return pool.preparedQuery(RECORD).execute(Tuple.of(workspaceId, status, seq, now)).compose(recorded -> {
      if (recorded.rowCount() == 0) {
        log.info("{} of workspace {} at ledger seq {} ignored: a newer state was applied already", status, workspaceId, seq);
        BillingMetrics.reconcilerAction("resource_states", "stale_ignored", 1);
        return Future.succeededFuture(false);
      }
      Row before = recorded.iterator().next();
      return command(workspaceId, status)
          .recover(e -> undo(workspaceId, seq, before).transform(undone -> Future.<Void>failedFuture(e)))
          .compose(sent -> followNewer(workspaceId, seq)).map(true);
    });
  }

  private Future<Void> undo(UUID workspaceId, long seq, Row before) {
    return before.getString("old_status") == null
        ? pool.preparedQuery(UNDO_FIRST).execute(Tuple.of(workspaceId, seq)).mapEmpty()
        : pool.preparedQuery(UNDO).execute(Tuple.of(workspaceId, seq, before.getString("old_status"), before.getLong("old_seq"),
            before.getValue("old_applied_at"))).mapEmpty();
  }

  // Bounded: each round follows a strictly newer seq, and the ledger makes few status changes.
  private Future<Void> followNewer(UUID workspaceId, long sentSeq) {
    return pool.preparedQuery(RECORDED).execute(Tuple.of(workspaceId)).compose(rows -> {
      var row = rows.iterator().next();
      long newest = row.getLong("ledger_seq");
      return newest <= sentSeq ? Future.succeededFuture()
          : command(workspaceId, row.getString("status")).compose(sent -> followNewer(workspaceId, newest));
    });
  }

  private Future<Void> command(UUID workspaceId, String status) {
    return "suspended".equals(status) ? workspaces.suspendResources(workspaceId) : workspaces.resumeResources(workspaceId);
  }
}
