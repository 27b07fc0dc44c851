package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlAccountClosures implements AccountClosures {

  private static final String LOCK_LEDGER = "SELECT balance FROM billing.ledgers WHERE workspace_id = $1 FOR UPDATE";
  private static final String LOCK_ACCOUNT = "SELECT closed_at FROM billing.accounts WHERE workspace_id = $1 FOR UPDATE";
  private static final String PENDING = "SELECT count(*) AS pending FROM billing.top_ups WHERE workspace_id = $1 AND status = 'pending'";
  // closure_unsettled_at: the reconciler checks later that the workspace's deletion did (not) commit (SettleAccountClosures).
  private static final String CLOSE = """
      UPDATE billing.accounts SET closed_at = $2, updated_at = $2, closure_unsettled_at = $2 WHERE workspace_id = $1 AND closed_at IS NULL""";
  private static final String REOPEN = """
      UPDATE billing.accounts SET closed_at = NULL, updated_at = $2, closure_unsettled_at = $2 WHERE workspace_id = $1""";
  private static final String OPEN_ACCOUNT = "SELECT 1 FROM billing.accounts WHERE workspace_id = $1 AND closed_at IS NULL FOR SHARE";
  private static final String UNSETTLED = """
      SELECT workspace_id, closed_at IS NOT NULL AS closed, closure_unsettled_at FROM billing.accounts
       WHERE closure_unsettled_at IS NOT NULL AND closure_unsettled_at < $1 ORDER BY closure_unsettled_at LIMIT 200""";
  private static final String SETTLE = """
      UPDATE billing.accounts SET closed_at = CASE WHEN $3 THEN coalesce(closed_at, $4) END, closure_unsettled_at = NULL,
             updated_at = CASE WHEN $3 = (closed_at IS NOT NULL) THEN updated_at ELSE $4 END
       WHERE workspace_id = $1 AND closure_unsettled_at = $2""";

  private final SqlClient client;

  SqlAccountClosures(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Long> lockBalance(UUID workspaceId) {
    return client.preparedQuery(LOCK_LEDGER).execute(Tuple.of(workspaceId))
        .map(ledger -> ledger.size() == 0 ? 0 : ledger.iterator().next().getLong("balance"));
  }

  @Override
  public Future<Void> lockAccount(UUID workspaceId) {
    return client.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(workspaceId)).mapEmpty();
  }

  @Override
  public Future<Long> pendingTopUps(UUID workspaceId) {
    return client.preparedQuery(PENDING).execute(Tuple.of(workspaceId)).map(rows -> rows.iterator().next().getLong("pending"));
  }

  @Override
  public Future<Void> close(UUID workspaceId, Instant at) {
    return client.preparedQuery(CLOSE).execute(Tuple.of(workspaceId, Times.toDb(at))).mapEmpty();
  }

  @Override
  public Future<Void> reopen(UUID workspaceId, Instant at) {
    return client.preparedQuery(REOPEN).execute(Tuple.of(workspaceId, Times.toDb(at))).mapEmpty();
  }

  @Override
  public Future<Boolean> holdOpen(UUID workspaceId) {
    return client.preparedQuery(OPEN_ACCOUNT).execute(Tuple.of(workspaceId)).map(open -> open.size() > 0);
  }

  @Override
  public Future<List<Unsettled>> unsettled(Instant before) {
    return client.preparedQuery(UNSETTLED).execute(Tuple.of(Times.toDb(before))).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Unsettled(row.getUUID("workspace_id"), row.getBoolean("closed"), Times.fromDb(row, "closure_unsettled_at")))
        .toList());
  }

  @Override
  public Future<Boolean> settle(Unsettled account, boolean deleted, Instant at) {
    return client.preparedQuery(SETTLE).execute(Tuple.of(account.workspaceId(), Times.toDb(account.markedAt()), deleted, Times.toDb(at)))
        .map(updated -> updated.rowCount() > 0);
  }
}
