package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlResourceStates implements ResourceStates {

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
  // States applied a while ago only (a status change's notification is normally on its way; the seq guard makes a race with
  // it harmless): not the ledger's last change, which a busy workspace makes every few seconds.
  private static final String DRIFTED = """
      SELECT l.workspace_id, l.status, l.last_seq FROM billing.ledgers l
      LEFT JOIN billing.resource_states r ON r.workspace_id = l.workspace_id
      WHERE (r.workspace_id IS NULL AND l.status = 'suspended' AND l.updated_at < $1)
         OR (r.status <> l.status AND r.ledger_seq <= l.last_seq AND r.applied_at < $1)
      LIMIT 200""";

  private final SqlClient client;

  SqlResourceStates(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Optional<Replaced>> record(UUID workspaceId, String status, long seq, Instant at) {
    return client.preparedQuery(RECORD).execute(Tuple.of(workspaceId, status, seq, Times.toDb(at))).map(recorded -> {
      if (recorded.rowCount() == 0) {
        return Optional.empty();
      }
      Row before = recorded.iterator().next();
      return Optional.of(new Replaced(before.getString("old_status"), before.getLong("old_seq"), Times.fromDb(before, "old_applied_at")));
    });
  }

  @Override
  public Future<Void> undo(UUID workspaceId, long seq, Replaced before) {
    return before.status() == null
        ? client.preparedQuery(UNDO_FIRST).execute(Tuple.of(workspaceId, seq)).mapEmpty()
        : client.preparedQuery(UNDO).execute(Tuple.of(workspaceId, seq, before.status(), before.seq(), Times.toDb(before.appliedAt()))).mapEmpty();
  }

  @Override
  public Future<State> recorded(UUID workspaceId) {
    return client.preparedQuery(RECORDED).execute(Tuple.of(workspaceId)).map(rows -> state(workspaceId, rows.iterator().next(), "ledger_seq"));
  }

  @Override
  public Future<List<State>> drifted(Instant settledBefore) {
    return client.preparedQuery(DRIFTED).execute(Tuple.of(Times.toDb(settledBefore))).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> state(row.getUUID("workspace_id"), row, "last_seq")).toList());
  }

  private static State state(UUID workspaceId, Row row, String seq) {
    return new State(workspaceId, row.getString("status"), row.getLong(seq));
  }
}
