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

final class SqlTopUps implements TopUps {

  // Only while the account is open; the shared lock holds a closing back until this top-up is committed (and so seen pending).
  private static final String INSERT = """
      INSERT INTO billing.top_ups (id, workspace_id, amount, kind, status, created_at, card_reference)
      SELECT $1, $2, $3, 'manual', $4, $5, $6 FROM billing.accounts WHERE workspace_id = $2 AND closed_at IS NULL FOR SHARE""";
  private static final String BY_ID = """
      SELECT id, workspace_id, amount, status, failure_reason, created_at, completed_at FROM billing.top_ups
       WHERE id = $1 AND workspace_id = $2""";
  private static final String STUCK = """
      SELECT t.id, t.workspace_id, t.amount, t.kind, coalesce(t.card_reference, a.card_reference, '') AS card_reference, a.currency
      FROM billing.top_ups t JOIN billing.accounts a ON a.workspace_id = t.workspace_id
      WHERE t.status = 'pending' AND t.created_at < $1 AND (t.requeued_at IS NULL OR t.requeued_at < $1)
      ORDER BY t.created_at LIMIT 200 FOR UPDATE OF t SKIP LOCKED""";
  private static final String MARK_REQUEUED = "UPDATE billing.top_ups SET requeued_at = $2 WHERE id = ANY($1)";

  private final SqlClient client;

  SqlTopUps(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Boolean> insertManual(TopUp t, String cardReference) {
    return client.preparedQuery(INSERT).execute(Tuple.of(t.id(), t.workspaceId(), t.amount(), t.status(), Times.toDb(t.createdAt()), cardReference))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Optional<TopUp>> byId(UUID workspaceId, UUID topUpId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(topUpId, workspaceId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new TopUp(row.getUUID("id"), row.getUUID("workspace_id"), row.getLong("amount"), row.getString("status"),
          row.getString("failure_reason"), Times.fromDb(row, "created_at"), Times.fromDb(row, "completed_at")));
    });
  }

  @Override
  public Future<List<Stuck>> lockStuck(Instant before) {
    return client.preparedQuery(STUCK).execute(Tuple.of(Times.toDb(before))).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Stuck(row.getUUID("id"), row.getUUID("workspace_id"), row.getLong("amount"), row.getString("kind"),
            row.getString("card_reference"), row.getString("currency").trim()))
        .toList());
  }

  @Override
  public Future<Void> markRequeued(List<UUID> ids, Instant at) {
    return client.preparedQuery(MARK_REQUEUED).execute(Tuple.of(ids.toArray(UUID[]::new), Times.toDb(at))).mapEmpty();
  }
}
