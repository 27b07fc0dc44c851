package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
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
import java.util.List;
import java.util.UUID;

/**
 * Sets a member's DIRECT access level; workspace admins and above. Rules, in order:
 * <ul>
 *   <li>the caller cannot set a level above their own, nor change someone whose access is above their own
 *       ({@code insufficient_access});</li>
 *   <li>a user without any access is {@code not_found};</li>
 *   <li>when the target's access is inherited (no direct level, or a lower one) and the inherited level is
 *       at least the requested one, the change would change nothing: {@code inherited_access}. Asking for
 *       more than the inherited level creates or raises a direct membership beside it;</li>
 *   <li>the last owner cannot be demoted ({@code last_owner}).</li>
 * </ul>
 */
final class ChangeMemberAccess {

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;
  private final Events events;
  private final Clock clock;

  ChangeMemberAccess(UnitOfWork<WorkspaceTables> storage, IdentityUsers users, Events events, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> change(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID memberId = input.id("memberId");
    AccessLevel requested = input.level("accessLevel");
    Instant now = Times.now(clock);
    Audit audit = new Audit(request, workspaceId, userId, now);
    return input.validated()
        .compose(valid -> storage.transaction(tables -> apply(tables, userId, workspaceId, memberId, requested, now, audit)))
        .compose(before -> {
          events.membershipChanged(workspaceId, memberId, requested, before.direct());
          WorkspaceAccess after = before.withDirect(requested);
          return users.byIds(List.of(memberId)).map(people -> MemberView.json(memberId, after, people.get(memberId)));
        });
  }

  /** The target's access before the change. */
  private Future<WorkspaceAccess> apply(WorkspaceTables tables, UUID userId, UUID workspaceId, UUID memberId, AccessLevel requested, Instant now, Audit audit) {
    return tables.workspaces().lock(workspaceId)
        .compose(live -> WorkspaceGuard.require(tables, userId, workspaceId, AccessLevel.ADMIN))
        .compose(caller -> {
          AccessLevel own = caller.access().effective();
          if (!own.atLeast(requested)) {
            return WorkspaceGuard.insufficient("cannot grant a level above your own");
          }
          return tables.workspaces().accessible(memberId, workspaceId).compose(found -> {
            WorkspaceAccess target = found.map(Accessible::access).orElse(WorkspaceAccess.NONE);
            if (!target.any()) {
              return Future.failedFuture(Rejection.notFound("member").failure());
            }
            if (!own.atLeast(target.effective())) {
              return WorkspaceGuard.insufficient("cannot change a member whose access is above your own");
            }
            if (target.isInherited() && target.inherited().atLeast(requested)) {
              return WorkspaceGuard.rejected(Codes.INHERITED_ACCESS, "this access is inherited from the organization; change it there");
            }
            AuditEntry entry = audit.entry("member.access_changed", memberId, null, new JsonObject()
                .put("from", target.direct() == null ? null : target.direct().code()).put("to", requested.code()));
            return OwnerRule.check(tables.members(), workspaceId, target, target.withDirect(requested))
                .compose(ok -> tables.members().put(workspaceId, memberId, requested, now))
                .compose(put -> tables.auditLog().record(entry))
                .map(target);
          });
        });
  }
}
