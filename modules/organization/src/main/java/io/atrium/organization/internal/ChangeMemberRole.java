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

/** Changing a member's role: admins, never to or from a role above their own, never demoting the last owner. */
final class ChangeMemberRole {

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;
  private final Announcer announcer;
  private final Clock clock;

  ChangeMemberRole(UnitOfWork<OrganizationTables> storage, UserLookups users, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, memberId, role, requestId?}} → {@code {userId, email, name, role, joinedAt}}. */
  Future<JsonObject> change(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    UUID memberId = input.pathId("memberId", "member");
    OrganizationRole role = input.role("role");
    String requestId = input.requestId();
    return input.validated()
        .compose(valid -> storage.transaction(tables -> RoleChecks
            .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
            .compose(seen -> RoleChecks.mayHandle(seen.role(), role)
                .compose(allowed -> tables.memberships().find(organizationId, memberId))
                .compose(member -> member == null
                    ? Future.failedFuture(Rejection.notFound("member").failure())
                    : changeLocked(tables, seen.role(), member, role, AuditEntry.of(organizationId, Times.now(clock), userId,
                        "member.role_changed", requestId))))))
        .compose(changed -> announced(organizationId, changed.previous(), changed.now()))
        .compose(member -> users.byIds(List.of(memberId)).map(known -> member.toJson(known.get(memberId))));
  }

  /** The member before and after the change. */
  private record Changed(Member previous, Member now) {}

  private Future<Changed> changeLocked(OrganizationTables tables, OrganizationRole own, Member member, OrganizationRole role, AuditEntry entry) {
    UUID organizationId = entry.scopeId();
    Changed changed = new Changed(member, new Member(member.userId(), role, member.joinedAt()));
    if (member.role() == role) {
      return Future.succeededFuture(changed);
    }
    return RoleChecks.mayHandle(own, member.role())
        .compose(allowed -> role == OrganizationRole.OWNER ? Future.succeededFuture() : RoleChecks.notLastOwner(tables.memberships(), organizationId, member))
        .compose(allowed -> tables.memberships().changeRole(organizationId, member.userId(), role))
        .compose(done -> tables.auditLog().append(entry.aboutUser(member.userId())
            .with("from", member.role().text()).with("to", role.text())))
        .map(logged -> changed);
  }

  private Future<Member> announced(UUID organizationId, Member previous, Member now) {
    if (previous.role() == now.role()) {
      return Future.succeededFuture(now);
    }
    return announcer.changed(List.of(new Announcer.Change(organizationId, now.userId(), now.role(), previous.role())))
        .map(done -> now);
  }
}
