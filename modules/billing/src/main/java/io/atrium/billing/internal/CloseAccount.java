package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
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

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  CloseAccount(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  Future<JsonObject> close(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    return workspaceId == null ? Future.failedFuture(Rejection.notFound("workspace").failure()) : close(workspaceId);
  }

  private Future<JsonObject> close(UUID workspaceId) {
    Instant now = Times.now(collaborators.clock());
    return storage.transaction(tables -> {
      AccountClosures closures = tables.accountClosures();
      return closures.lockBalance(workspaceId)
          .compose(balance -> closures.lockAccount(workspaceId)
              .compose(locked -> closures.pendingTopUps(workspaceId))
              .compose(topUps -> {
                if (topUps > 0) {
                  return Future.failedFuture(Rejection.of(Codes.TOP_UP_PENDING,
                      "a top-up of the workspace is still pending; delete it once the top-up has ended").failure());
                }
                if (balance != 0) {
                  return Future.failedFuture(Rejection.of(Codes.BALANCE_NOT_ZERO, "the workspace's balance is not zero").failure());
                }
                return closures.close(workspaceId, now);
              }));
    }).map(closed -> new JsonObject());
  }

  Future<JsonObject> reopen(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    return workspaceId == null ? Future.failedFuture(Rejection.notFound("workspace").failure())
        : storage.read().accountClosures().reopen(workspaceId, Times.now(collaborators.clock())).map(reopened -> new JsonObject());
  }
}
