package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Revokes a pending invitation; admins, and only for invitations at a level no higher than their own.
 * An invitation that was already answered or revoked is a {@code conflict}.
 */
final class RevokeWorkspaceInvitation {

  private final UnitOfWork<WorkspaceTables> storage;
  private final Clock clock;

  RevokeWorkspaceInvitation(UnitOfWork<WorkspaceTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  Future<JsonObject> revoke(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID invitationId = input.id("invitationId");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.ADMIN))
        .compose(caller -> storage.read().invitations().byId(workspaceId, invitationId).compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(Rejection.notFound("invitation").failure());
          }
          Invitation invitation = found.get();
          if (!caller.access().effective().atLeast(invitation.accessLevel())) {
            return WorkspaceGuard.insufficient("cannot revoke an invitation above your own level");
          }
          AuditEntry entry = new Audit(request, workspaceId, userId, now).entry("invitation.revoked", null, invitation.email(),
              new JsonObject().put("invitationId", invitation.id().toString()));
          return storage.transaction(tables -> tables.invitations().answer(invitationId, InvitationStatus.REVOKED, now)
              .compose(revoked -> revoked ? tables.auditLog().record(entry)
                  : Future.failedFuture(Rejection.conflict("the invitation is no longer pending").failure())));
        }))
        .map(revoked -> new JsonObject());
  }
}
