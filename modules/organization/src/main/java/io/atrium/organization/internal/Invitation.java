package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** An invitation to join an organization; its token is kept only as a hash. */
record Invitation(UUID id, UUID organizationId, String organizationName, String email, OrganizationRole role, String status,
                  UUID invitedBy, Instant createdAt, Instant expiresAt) {

  /** The stored status, or {@code expired} for a pending one past its expiry. */
  String statusAt(Instant now) {
    return InvitationStatus.at(status, expiresAt, now);
  }

  JsonObject toJson(Instant now) {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("role", role.text())
        .put("status", statusAt(now))
        .put("expiresAt", Times.text(expiresAt))
        .put("createdAt", Times.text(createdAt))
        .put("invitedBy", invitedBy.toString());
  }

  /** As {@code GET /me/invitations} shows it to the invited address. */
  JsonObject toInviteeJson(Instant now) {
    return new JsonObject()
        .put("id", id.toString())
        .put("kind", "organization")
        .put("organizationId", organizationId.toString())
        .put("organizationName", organizationName)
        .put("role", role.text())
        .put("status", statusAt(now))
        .put("expiresAt", Times.text(expiresAt));
  }
}
