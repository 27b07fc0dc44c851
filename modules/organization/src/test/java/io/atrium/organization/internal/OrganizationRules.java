package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Bus;
import io.atrium.platform.testing.Invitees;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An organization with an owner, an admin and a member, its use cases on in-memory storage, and the notices its role replica
 * received (an in-process event bus stands for the workspace context).
 */
final class OrganizationRules implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  final InMemoryTables tables = new InMemoryTables();
  final InMemoryUsers users = new InMemoryUsers();
  final List<JsonObject> replicaNotices = new CopyOnWriteArrayList<>();
  final Announcer announcer = new Announcer(vertx);
  final UUID organizationId = UUID.randomUUID();
  final UUID owner = member("owner@example.com", OrganizationRole.OWNER);
  final UUID admin = member("admin@example.com", OrganizationRole.ADMIN);
  final UUID member = member("member@example.com", OrganizationRole.MEMBER);

  final InviteMember invite = new InviteMember(tables.storage, users, "https://atrium.test/", clock);
  final AnswerInvitation answer = new AnswerInvitation(tables.storage, users, announcer, clock);
  final RevokeInvitation revoke = new RevokeInvitation(tables.storage, clock);
  final ChangeMemberRole changeRole = new ChangeMemberRole(tables.storage, users, announcer, clock);
  final RemoveMember remove = new RemoveMember(tables.storage, announcer, clock);

  OrganizationRules() {
    tables.organizations.insert(new Organization(organizationId, "Acme", clock.instant())).await();
    Bus.serve(vertx, OrganizationAddresses.ROLE_REPLICA, notice -> {
      replicaNotices.add(notice);
      return Future.succeededFuture(new JsonObject());
    });
  }

  /** A user of identity who is a member with the given role. */
  UUID member(String email, OrganizationRole role) {
    UUID userId = users.add(email).id();
    tables.memberships.insert(organizationId, new Member(userId, role, clock.instant())).await();
    return userId;
  }

  OrganizationRole roleOf(UUID userId) {
    return tables.memberships.roleOf(organizationId, userId);
  }

  /** {@code caller} invites {@code email} with {@code role}. */
  Future<JsonObject> invite(UUID caller, String email, OrganizationRole role) {
    return invite.invite(new JsonObject().put("userId", caller.toString()).put("organizationId", organizationId.toString())
        .put("email", email).put("role", role.text()));
  }

  /** The token of the last invitation mailed to {@code email}: the mail is the only place it goes. */
  String tokenMailedTo(String email) {
    return Invitees.tokenIn(tables.storage.mails().stream().filter(mail -> mail.to().equals(email)).reduce((a, b) -> b).orElseThrow().text());
  }

  Future<JsonObject> accept(UUID caller, String email, String token) {
    return answer.accept(Invitees.answer(caller, email, token));
  }

  Future<JsonObject> decline(UUID caller, String email, String token) {
    return answer.decline(Invitees.answer(caller, email, token));
  }

  Future<JsonObject> revoke(UUID caller, String invitationId) {
    return revoke.revoke(new JsonObject().put("userId", caller.toString()).put("organizationId", organizationId.toString())
        .put("invitationId", invitationId));
  }

  Future<JsonObject> changeRole(UUID caller, UUID memberId, OrganizationRole role) {
    return changeRole.change(new JsonObject().put("userId", caller.toString()).put("organizationId", organizationId.toString())
        .put("memberId", memberId.toString()).put("role", role.text()));
  }

  Future<JsonObject> remove(UUID caller, UUID memberId) {
    return remove.remove(new JsonObject().put("userId", caller.toString()).put("organizationId", organizationId.toString())
        .put("memberId", memberId.toString()));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
