package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Deletes a workspace; owners only, and only once none of its resources is left and billing closed its account (asked
 * before the workspace transaction: billing refuses while a top-up is pending or the balance is not zero, in its own
 * transaction; a deletion that then fails to commit opens the account again). The row stays, marked deleted, so its
 * resources' last hours can still be billed; its memberships end, its open invitations are revoked and nobody keeps it as
 * current workspace.
 */
final class DeleteWorkspace {

  private final UnitOfWork<WorkspaceTables> storage;
  private final BillingRequests billing;
  private final Events events;
  private final Clock clock;

  DeleteWorkspace(UnitOfWork<WorkspaceTables> storage, BillingRequests billing, Events events, Clock clock) {
    this.storage = storage;
    this.billing = billing;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> delete(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.OWNER))
        .compose(found -> {
          Instant now = Times.now(clock);
          AuditEntry entry = new Audit(request, workspaceId, userId, now)
              .entry("workspace.deleted", null, null, new JsonObject().put("name", found.workspace().name()));
          boolean[] closed = {false};
          boolean[] gone = {false}; // deleted by a concurrent request meanwhile: its account stays closed
          // Billing is asked before the workspace transaction, never inside it: it needs a connection of the same pool, and
          // holding one (with the row lock) meanwhile could take them all. The transaction checks the resources again, so one
          // created in between makes it fail and the account opens again; a crash in between is repaired by billing's
          // reconciler (a closed account of a live workspace is opened again).
          return storage.read().resources().countLive(workspaceId)
              .compose(resources -> resources > 0 ? Future.failedFuture(stillHas(resources))
                  : billing.closeBilling(workspaceId).onSuccess(v -> closed[0] = true))
              .compose(billingClosed -> storage.transaction(tables -> tables.workspaces().lock(workspaceId)
                  .compose(live -> {
                    gone[0] = !live;
                    return live ? tables.resources().countLive(workspaceId) : Future.failedFuture(Rejection.notFound("workspace").failure());
                  })
                  .compose(resources -> resources > 0 ? Future.failedFuture(stillHas(resources)) : Future.succeededFuture())
                  .compose(checked -> tables.workspaces().markDeleted(workspaceId, now))
                  .compose(deleted -> tables.members().removeAll(workspaceId))
                  .compose(removed -> tables.invitations().revokeAll(workspaceId, now))
                  .compose(revoked -> tables.currentWorkspaces().forgetWorkspace(workspaceId))
                  .compose(forgotten -> tables.auditLog().record(entry))))
              .recover(e -> closed[0] && !gone[0] ? billing.reopenBilling(workspaceId).transform(r -> Future.<Void>failedFuture(e)) : Future.failedFuture(e))
              .map(committed -> {
                events.deleted(found.workspace());
                return new JsonObject();
              });
        });
  }

  private static Throwable stillHas(int resources) {
    return Rejection.of(Codes.CONFLICT, "the workspace still has " + resources + " resources").failure();
  }
}
