package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.Rejection;
import io.atrium.platform.Secrets;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Inviting someone by email: admins, for a role no higher than their own. The token goes to the address
 * by mail and nowhere else. The mail is sent inside the transaction: when it cannot be sent, no invitation
 * remains that nobody could accept.
 */
final class InviteMember {

  static final Duration VALIDITY = Duration.ofDays(7);

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;
  private final String publicUrl;
  private final Clock clock;

  InviteMember(UnitOfWork<OrganizationTables> storage, UserLookups users, String publicUrl, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, email, role, requestId?}} → {@code {id, email, role, status, expiresAt, createdAt}}. */
  Future<JsonObject> invite(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String email = input.lowerCaseEmail("email");
    OrganizationRole role = input.role("role");
    String requestId = input.requestId();
    return input.validated()
        .compose(valid -> users.byEmail(email))
        .compose(existing -> storage.transaction((tables, outgoing) -> RoleChecks
            .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
            .compose(seen -> RoleChecks.mayHandle(seen.role(), role).map(seen))
            .compose(seen -> {
              Instant now = Times.now(clock);
              Invitation invitation = new Invitation(UUID.randomUUID(), organizationId, seen.organization().name(),
                  email, role, InvitationStatus.PENDING, userId, now, now.plus(VALIDITY));
              return refuseTaken(tables, invitation, existing)
                  .compose(free -> store(tables, outgoing, invitation, requestId))
                  .map(stored -> invitation);
            })))
        .map(invitation -> {
          JsonObject json = invitation.toJson(invitation.createdAt());
          json.remove("invitedBy");
          return json;
        });
  }

  /** An existing member or an open invitation for the email: {@code conflict}. */
  private static Future<Void> refuseTaken(OrganizationTables tables, Invitation invitation, UserLookups.User existing) {
    UUID organizationId = invitation.organizationId();
    String email = invitation.email();
    Future<Member> member = existing == null ? Future.succeededFuture() : tables.memberships().find(organizationId, existing.id());
    return member
        .compose(found -> found == null ? tables.invitations().openFor(organizationId, email, invitation.createdAt())
            : Future.failedFuture(Rejection.conflict(email + " is already a member").failure()))
        .compose(open -> open ? Future.failedFuture(Rejection.conflict(email + " already has an open invitation").failure())
            : Future.succeededFuture());
  }

  /** The invitation, its audit entry and its mail (sent after the commit, through the outbox) in one transaction. */
  private Future<Void> store(OrganizationTables tables, UnitOfWork.Outgoing outgoing, Invitation invitation, String requestId) {
    String token = Secrets.newToken(OrganizationAddresses.INVITATION_TOKEN_PREFIX);
    AuditEntry entry = AuditEntry.of(invitation.organizationId(), invitation.createdAt(), invitation.invitedBy(),
            "invitation.created", requestId)
        .aboutEmail(invitation.email()).with("role", invitation.role().text()).with("invitationId", invitation.id().toString());
    return tables.invitations().insert(invitation, Secrets.sha256(token))
        .compose(inserted -> tables.auditLog().append(entry))
        .compose(logged -> outgoing.mail(invitation.email(), subject(invitation), body(invitation, token)));
  }

  private static String subject(Invitation invitation) {
    return "You are invited to " + invitation.organizationName() + " on Atrium";
  }

  private String body(Invitation invitation, String token) {
    return "You are invited to join " + invitation.organizationName() + " on Atrium as " + invitation.role().text() + ".\n\n"
        + "Accept the invitation:\n" + publicUrl + "/invitations/accept?token=" + token + "\n\n"
        + "Token: " + token + "\n\n"
        + "The invitation expires at " + invitation.expiresAt() + ". If you did not expect it, ignore this mail.\n";
  }
}
