package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.UUID;

/**
 * Ends a DIRECT membership: workspace admins remove others whose access is not above their own; anyone
 * removes their own direct access. Access that is only inherited cannot be removed here
 * ({@code inherited_access}); whoever keeps inherited access keeps it. The last owner cannot leave or be
 * removed ({@code last_owner}). A user who lost all access no longer has the workspace as current one.
 */
final class RemoveWorkspaceMember {

  private final WorkspacePorts context;

  RemoveWorkspaceMember(WorkspacePorts context) {
    this.context = context;
  }

  Future<JsonObject> remove(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID memberId = input.id("memberId");
    Instant now = Times.now(context.clock());
    Audit audit = new Audit(request, workspaceId, userId, now);
    return input.validated()
        .compose(valid -> context.transactions().run(db -> apply(db, userId, workspaceId, memberId, audit)))
        .map(removed -> {
          context.events().membershipChanged(workspaceId, memberId, null, removed);
          return new JsonObject();
        });
  }

  /** The direct level the member had. */
  private Future<AccessLevel> apply(SqlClient db, UUID userId, UUID workspaceId, UUID memberId, Audit audit) {
    boolean self = userId.equals(memberId);
    return context.workspaces().lock(db, workspaceId)
        .compose(live -> context.guard().require(db, userId, workspaceId, self ? AccessLevel.VIEWER : AccessLevel.ADMIN))
        .compose(caller -> (self ? Future.succeededFuture(caller.access())
            : context.workspaces().accessible(db, memberId, workspaceId).map(found -> found.map(Accessible::access).orElse(WorkspaceAccess.NONE)))
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
              return OwnerRule.check(db, context.members(), workspaceId, target, target.withDirect(null))
                  .compose(ok -> context.members().remove(db, workspaceId, memberId))
                  .compose(removed -> context.current().forgetInaccessible(db, memberId))
                  .compose(forgotten -> context.audit().record(db, entry))
                  .map(target.direct());
            }));
  }
}
