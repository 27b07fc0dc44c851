package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Closes a workspace's billing account when the workspace is deleted ({@code WorkspaceAddresses.CLOSE_BILLING}), in ONE
 * transaction that locks the ledgers row (so no batch moves the balance meanwhile) and then the account row (which every
 * top-up request takes a shared lock on): refused with {@code top_up_pending} while a top-up is pending, and with
 * {@code balance_not_zero} while the balance is not zero. A closed account takes no top-ups: the API refuses them, and the
 * worker fails a queued one ({@code account_closed}) before charging any card. Late debits (a deleted server's last hour)
 * are still applied.
 */
final class CloseAccount {

  private static final String LOCK_LEDGER = "SELECT balance FROM billing.ledgers WHERE workspace_id = $1 FOR UPDATE";
  private static final String LOCK_ACCOUNT = "SELECT closed_at FROM billing.accounts WHERE workspace_id = $1 FOR UPDATE";
  private static final String PENDING = "SELECT count(*) AS pending FROM billing.top_ups WHERE workspace_id = $1 AND status = 'pending'";
  // closure_unsettled_at: the reconciler checks later that the workspace's deletion did (not) commit (Reconcilers).
  private static final String CLOSE = """
      UPDATE billing.accounts SET closed_at = $2, updated_at = $2, closure_unsettled_at = $2 WHERE workspace_id = $1 AND closed_at IS NULL""";
  private static final String REOPEN = """
      UPDATE billing.accounts SET closed_at = NULL, updated_at = $2, closure_unsettled_at = $2 WHERE workspace_id = $1""";

  private final BillingPorts context;

  CloseAccount(BillingPorts context) {
    this.context = context;
  }

  Future<JsonObject> close(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    return workspaceId == null ? Future.failedFuture(Rejection.notFound("workspace").failure()) : close(workspaceId);
  }

  private Future<JsonObject> close(UUID workspaceId) {
    var now = Times.toDb(Times.now(context.clock()));
    return context.pool().withTransaction(tx -> tx.preparedQuery(LOCK_LEDGER).execute(Tuple.of(workspaceId))
        .compose(ledger -> tx.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(workspaceId))
            .compose(account -> tx.preparedQuery(PENDING).execute(Tuple.of(workspaceId)))
            .compose(pending -> {
              long topUps = pending.iterator().next().getLong("pending");
              long balance = ledger.size() == 0 ? 0 : ledger.iterator().next().getLong("balance");
              if (topUps > 0) {
                return Future.failedFuture(Rejection.of(Codes.TOP_UP_PENDING,
                    "a top-up of the workspace is still pending; delete it once the top-up has ended").failure());
              }
              if (balance != 0) {
                return Future.failedFuture(Rejection.of(Codes.BALANCE_NOT_ZERO, "the workspace's balance is not zero").failure());
              }
              return tx.preparedQuery(CLOSE).execute(Tuple.of(workspaceId, now));
            })))
        .map(closed -> new JsonObject());
  }

  Future<JsonObject> reopen(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    return workspaceId == null ? Future.failedFuture(Rejection.notFound("workspace").failure())
        : context.pool().preparedQuery(REOPEN).execute(Tuple.of(workspaceId, Times.toDb(Times.now(context.clock())))).map(reopened -> new JsonObject());
  }
}
