package io.atrium.billing.internal;

import io.atrium.platform.Rejected;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The reconciler step that settles closing and reopening accounts: a workspace's deletion closes its account first and
 * deletes the workspace in a second transaction, so a kill in between leaves a live workspace with a closed account, and a
 * deletion whose COMMIT failed ambiguously may have reopened the account of a deleted workspace. For each account closed or
 * reopened a while ago ({@code closure_unsettled_at}), the workspace context is asked whether the workspace is live: a live
 * one's account is opened, a deleted one's closed. Each update holds only if nothing closed or reopened it since it was read.
 */
final class AccountClosures {

  /** What a pass did. */
  record Settled(int reopened, int closed) {}

  private static final String UNSETTLED = """
      SELECT workspace_id, closed_at IS NOT NULL AS closed, closure_unsettled_at FROM billing.accounts
       WHERE closure_unsettled_at IS NOT NULL AND closure_unsettled_at < $1 ORDER BY closure_unsettled_at LIMIT 200""";
  private static final String SETTLE = """
      UPDATE billing.accounts SET closed_at = CASE WHEN $3 THEN coalesce(closed_at, $4) END, closure_unsettled_at = NULL,
             updated_at = CASE WHEN $3 = (closed_at IS NOT NULL) THEN updated_at ELSE $4 END
       WHERE workspace_id = $1 AND closure_unsettled_at = $2""";

  private final Pool pool;
  private final BillableWorkspaces workspaces;
  private final Clock clock;

  AccountClosures(Pool pool, BillableWorkspaces workspaces, Clock clock) {
    this.pool = pool;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** Settles the accounts closed or reopened before {@code before} (a deletion in progress is left alone). */
  Future<Settled> settle(Instant before) {
    return pool.preparedQuery(UNSETTLED).execute(Tuple.of(Times.toDb(before))).compose(rows -> {
      int[] counts = {0, 0};
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        UUID workspace = row.getUUID("workspace_id");
        boolean closed = row.getBoolean("closed");
        OffsetDateTime marked = row.getOffsetDateTime("closure_unsettled_at");
        chain = chain.compose(v -> deleted(workspace).compose(deleted -> pool.preparedQuery(SETTLE)
            .execute(Tuple.of(workspace, marked, deleted, Times.toDb(Times.now(clock))))
            .map(updated -> {
              if (updated.rowCount() > 0 && deleted != closed) {
                counts[deleted ? 1 : 0]++;
              }
              return null;
            })));
      }
      return chain.map(v -> new Settled(counts[0], counts[1]));
    });
  }

  /** True when the workspace context does not know the workspace (deleted); any other failure fails the pass. */
  private Future<Boolean> deleted(UUID workspace) {
    return Rejected.orWhenNotFound(workspaces.describe(workspace).map(false), true);
  }
}
