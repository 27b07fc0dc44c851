package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

final class SqlTopUps implements TopUps {

  // Only while the account is open; the shared lock holds a closing back until this top-up is committed (and so seen pending).
  private static final String INSERT = """
      INSERT INTO billing.top_ups (id, workspace_id, amount, kind, status, created_at, card_reference)
      SELECT $1, $2, $3, 'manual', $4, $5, $6 FROM billing.accounts WHERE workspace_id = $2 AND closed_at IS NULL FOR SHARE""";
  private static final String BY_ID = """
      SELECT id, workspace_id, amount, status, failure_reason, created_at, completed_at FROM billing.top_ups
       WHERE id = $1 AND workspace_id = $2""";

  @Override
  public Future<Boolean> insertManual(SqlClient tx, TopUp t, String cardReference) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(t.id(), t.workspaceId(), t.amount(), t.status(), Times.toDb(t.createdAt()), cardReference))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Optional<TopUp>> byId(SqlClient db, UUID workspaceId, UUID topUpId) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(topUpId, workspaceId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new TopUp(row.getUUID("id"), row.getUUID("workspace_id"), row.getLong("amount"), row.getString("status"),
          row.getString("failure_reason"), Times.fromDb(row, "created_at"), Times.fromDb(row, "completed_at")));
    });
  }
}
