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
 * Ends a DIRECT membership: workspace admins remove others whose access is not above their own; anyone
 * removes their own direct access. Access that is only inherited cannot be removed here
 * ({@code inherited_access}); whoever keeps inherited access keeps it. The last owner cannot leave or be
 * removed ({@code last_owner}). A user who lost all access no longer has the workspace as current one.
 */
final class RemoveWorkspaceMember {

  private final UnitOfWork<WorkspaceTables> storage;
  private final Events events;
  private final Clock clock;

  RemoveWorkspaceMember(UnitOfWork<WorkspaceTables> storage, Events events, Clock clock) {
    this.storage = storage;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> remove(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID memberId = input.id("memberId");
    Instant now = Times.now(clock);
    Audit audit = new Audit(request, workspaceId, userId, now);
    return input.validated()
        .compose(valid -> storage.transaction(tables -> apply(tables, userId, workspaceId, memberId, audit)))
        .map(removed -> {
          events.membershipChanged(workspaceId, memberId, null, removed);
          return new JsonObject();
        });
  }

  /** The direct level the member had. */
  private Future<AccessLevel> apply(WorkspaceTables tables, UUID userId, UUID workspaceId, UUID memberId, Audit audit) {
    boolean self = userId.equals(memberId);
    return tables.workspaces().lock(workspaceId)
        .compose(live -> WorkspaceGuard.require(tables, userId, workspaceId, self ? AccessLevel.VIEWER : AccessLevel.ADMIN))
        .compose(caller -> (self ? Future.succeededFuture(caller.access())
            : tables.workspaces().accessible(memberId, workspaceId).map(found -> found.map(Accessible::access).orElse(WorkspaceAccess.NONE)))
            .compose(target -> {
              if (!target.any()) {
                return Future.failedFuture(Rejection.notFound("member").failure());
              }
              if (!self && !caller.access().effective().atLeast(target.effective())) {
                return WorkspaceGuard.insufficient("cannot remove a member whose access is above your own");
              }
              if (target.direct() == null) {
                return WorkspaceGuard.rejected(Codes.INHERITED_ACCESS, "this access is inherited from the organization; remove it there");
              }
              AuditEntry entry = audit.entry(self ? "member.left" : "member.removed", memberId, null,
                  new JsonObject().put("accessLevel", target.direct().code()));
              return OwnerRule.check(tables.members(), workspaceId, target, target.withDirect(null))
                  .compose(ok -> tables.members().remove(workspaceId, memberId))
                  .compose(removed -> tables.currentWorkspaces().forgetInaccessible(memberId))
                  .compose(forgotten -> tables.auditLog().record(entry))
                  .map(target.direct());
            }));
  }
}
