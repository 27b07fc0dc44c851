package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Revoking an invitation: admins, for one whose role is no higher than their own. */
final class RevokeInvitation {

  private final UnitOfWork<OrganizationTables> storage;
  private final Clock clock;

  RevokeInvitation(UnitOfWork<OrganizationTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * {@code {userId, organizationId, invitationId, requestId?}} → {}. Revoking a revoked one again changes
   * nothing; an accepted or declined one is {@code conflict}.
   */
  Future<JsonObject> revoke(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    UUID invitationId = input.pathId("invitationId", "invitation");
    String requestId = input.requestId();
    return input.validated()
        .compose(valid -> storage.transaction(tables -> RoleChecks
            .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
            .compose(seen -> tables.invitations().lock(organizationId, invitationId)
                .compose(invitation -> invitation == null
                    ? Future.failedFuture(Rejection.notFound("invitation").failure())
                    : RoleChecks.mayHandle(seen.role(), invitation.role()).map(invitation)))
            .compose(invitation -> revokeLocked(tables, invitation, userId, requestId))))
        .map(revoked -> new JsonObject());
  }

  private Future<Void> revokeLocked(OrganizationTables tables, Invitation invitation, UUID userId, String requestId) {
    Instant now = Times.now(clock);
    String status = invitation.status();
    if (InvitationStatus.REVOKED.equals(status)) {
      return Future.succeededFuture();
    }
    if (!InvitationStatus.PENDING.equals(status)) {
      return Future.failedFuture(Rejection.conflict("the invitation was already " + status).failure());
    }
    AuditEntry entry = AuditEntry.of(invitation.organizationId(), now, userId, "invitation.revoked", requestId)
        .aboutEmail(invitation.email()).with("role", invitation.role().text()).with("invitationId", invitation.id().toString());
    return tables.invitations().answer(invitation.id(), InvitationStatus.REVOKED, userId, now)
        .compose(answered -> tables.auditLog().append(entry));
  }
}
