package io.atrium.workspace.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * Deletes a workspace; owners only, and only once none of its resources is left and billing says its
 * balance is zero (asked before the transaction: the billing context owns that number). The row stays, marked deleted, so its resources' hours can still be billed; its
 * memberships end, its open invitations are revoked and nobody keeps it as current workspace.
 */
final class WorkspaceDeletion {

  private final Context context;
  private final Admission billing;

  WorkspaceDeletion(Context context, Admission billing) {
    this.context = context;
    this.billing = billing;
  }

  Future<JsonObject> delete(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, Level.OWNER))
        .compose(found -> billing.balance(workspaceId).compose(balance -> balance == 0 ? Future.succeededFuture(found)
            : Future.failedFuture(Rejection.conflict("the workspace's balance is not zero").failure())))
        .compose(found -> {
          Instant now = Times.now(context.clock());
          AuditEntry entry = new Audit(request, workspaceId, userId, now)
              .entry("workspace.deleted", null, null, new JsonObject().put("name", found.workspace().name()));
          return context.pool().withTransaction(db -> context.workspaces().lock(db, workspaceId)
                  .compose(live -> live ? context.resources().countLive(db, workspaceId)
                      : Future.failedFuture(Rejection.notFound("workspace").failure()))
                  .compose(resources -> resources > 0
                      ? Future.failedFuture(Rejection.of(Codes.CONFLICT, "the workspace still has " + resources + " resources").failure())
                      : context.workspaces().markDeleted(db, workspaceId, now))
                  .compose(deleted -> context.members().removeAll(db, workspaceId))
                  .compose(removed -> context.invitations().revokeAll(db, workspaceId, now))
                  .compose(revoked -> context.current().forgetWorkspace(db, workspaceId))
                  .compose(forgotten -> context.audit().record(db, entry)))
              .map(committed -> {
                context.events().deleted(found.workspace());
                return new JsonObject();
              });
        });
  }
}
