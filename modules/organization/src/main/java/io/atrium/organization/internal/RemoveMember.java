package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Removing a member (admins, never one above their own role) or leaving (any member). The last owner can
 * do neither. Workspace memberships of the person stay: they are the workspace context's.
 */
final class RemoveMember {

  private final UnitOfWork<OrganizationTables> storage;
  private final Announcer announcer;
  private final Clock clock;

  RemoveMember(UnitOfWork<OrganizationTables> storage, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, memberId, requestId?}} → {}. */
  Future<JsonObject> remove(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    UUID memberId = input.pathId("memberId", "member");
    String requestId = input.requestId();
    boolean leaving = memberId != null && memberId.equals(userId);
    OrganizationRole minimum = leaving ? OrganizationRole.MEMBER : OrganizationRole.ADMIN;
    AuditEntry entry = AuditEntry.of(organizationId, Times.now(clock), userId, leaving ? "member.left" : "member.removed", requestId);
    return input.validated()
        .compose(valid -> storage.transaction(tables -> RoleChecks
            .require(tables.organizations(), organizationId, userId, minimum, true)
            .compose(seen -> tables.memberships().find(organizationId, memberId)
                .compose(member -> member == null
                    ? Future.failedFuture(Rejection.notFound("member").failure())
                    : removeLocked(tables, seen.role(), member, entry.aboutUser(memberId))))))
        .compose(removed -> announcer.changed(List.of(new Announcer.Change(organizationId, memberId, null, removed.role()))))
        .map(announced -> new JsonObject());
  }

  private Future<Member> removeLocked(OrganizationTables tables, OrganizationRole own, Member member, AuditEntry entry) {
    return RoleChecks.mayHandle(own, member.role())
        .compose(allowed -> RoleChecks.notLastOwner(tables.memberships(), entry.scopeId(), member))
        .compose(allowed -> tables.memberships().delete(entry.scopeId(), member.userId()))
        // A removal by an admin must hold against single sign-on; leaving of one's own accord need not.
        .compose(deleted -> entry.action().equals("member.removed")
            ? tables.memberships().recordRemoval(entry.scopeId(), member.userId(), entry.occurredAt())
            : Future.<Void>succeededFuture())
        .compose(deleted -> tables.auditLog().append(entry.with("role", member.role().text())))
        .map(logged -> member);
  }
}
