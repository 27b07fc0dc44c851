package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.testing.InMemoryUnitOfWork;
import io.atrium.platform.testing.Invitees;
import io.atrium.platform.testing.MutableClock;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A workspace of an organization, its use cases on in-memory tables, and the mail their committed transactions queued. Nobody has access until a
 * test gives it: {@link #direct} for a workspace membership, {@link #orgRole} for the organization role it inherits from.
 */
final class WorkspaceRules implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  final InMemoryWorkspaceData data = new InMemoryWorkspaceData();
  final InMemoryInvitations invitations = new InMemoryInvitations(data);
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final InMemoryIdentity users = new InMemoryIdentity(vertx);
  final InMemoryResources resources = new InMemoryResources();
  final InMemoryCurrentWorkspaces current = new InMemoryCurrentWorkspaces(data);
  /** A failed transaction puts every table back, as a rollback would. */
  final InMemoryUnitOfWork<WorkspaceTables> storage = new InMemoryUnitOfWork<>(new WorkspaceTables(new InMemoryWorkspaces(data),
      new InMemoryMembers(data), new InMemoryOrganizationRoles(data), invitations, resources, audit, current),
      () -> {
        List<Runnable> rollback = List.of(data.savepoint(), invitations.savepoint(), audit.trail.savepoint(), resources.savepoint(),
            current.savepoint());
        return () -> rollback.forEach(Runnable::run);
      });
  final IdentityUsers identity = new IdentityUsers(vertx);
  final Events events = new Events(vertx);
  final InviteToWorkspace inviting = new InviteToWorkspace(storage, identity, "https://atrium.test/", clock);
  final AnswerWorkspaceInvitation answering = new AnswerWorkspaceInvitation(storage, identity, events, clock);
  final RevokeWorkspaceInvitation revocation = new RevokeWorkspaceInvitation(storage, clock);
  final ChangeMemberAccess accessChange = new ChangeMemberAccess(storage, identity, events, clock);
  final RemoveWorkspaceMember removal = new RemoveWorkspaceMember(storage, events, clock);
  final UUID organizationId = UUID.randomUUID();
  final UUID workspaceId = UUID.randomUUID();

  WorkspaceRules() {
    data.workspaces.put(workspaceId, new Workspace(workspaceId, organizationId, "Production", "EUR", clock.instant()));
  }

  /** A user with a direct membership at {@code level}. */
  UUID direct(String email, AccessLevel level) {
    UUID userId = users.add(email);
    data.direct.put(List.of(workspaceId, userId), level);
    return userId;
  }

  /** A user whose organization role is {@code role} (owner and admin carry over to the workspace). */
  UUID orgRole(String email, String role) {
    UUID userId = users.add(email);
    data.roles.put(List.of(organizationId, userId), role);
    return userId;
  }

  /** The user's direct level, or null. */
  AccessLevel directOf(UUID userId) {
    return data.direct.get(List.of(workspaceId, userId));
  }

  Future<JsonObject> invite(UUID caller, String email, AccessLevel level) {
    return inviting.invite(request(caller).put("email", email).put("accessLevel", level.code()));
  }

  /** The text of the last mail committed to {@code email}, or null. */
  String mailTo(String email) {
    return storage.mails().stream().filter(mail -> mail.to().equals(email)).reduce((a, b) -> b).map(InMemoryUnitOfWork.Mail::text).orElse(null);
  }

  String tokenMailedTo(String email) {
    return Invitees.tokenIn(mailTo(email));
  }

  Future<JsonObject> accept(UUID caller, String email, String token) {
    return answering.accept(Invitees.answer(caller, email, token));
  }

  Future<JsonObject> decline(UUID caller, String email, String token) {
    return answering.decline(Invitees.answer(caller, email, token));
  }

  Future<JsonObject> revoke(UUID caller, String invitationId) {
    return revocation.revoke(request(caller).put("invitationId", invitationId));
  }

  Future<JsonObject> change(UUID caller, UUID memberId, AccessLevel level) {
    return accessChange.change(request(caller).put("memberId", memberId.toString()).put("accessLevel", level.code()));
  }

  Future<JsonObject> remove(UUID caller, UUID memberId) {
    return removal.remove(request(caller).put("memberId", memberId.toString()));
  }

  private JsonObject request(UUID caller) {
    return new JsonObject().put("userId", caller.toString()).put("workspaceId", workspaceId.toString());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
