package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An invitation to a workspace; a pending one past {@code expiresAt} reads as expired. */
record Invitation(UUID id, UUID workspaceId, String email, AccessLevel accessLevel, String status, UUID invitedBy,
                  Instant createdAt, Instant expiresAt) {

  static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  JsonObject toJson(Instant now) {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("accessLevel", accessLevel.code())
        .put("status", statusAt(now))
        .put("expiresAt", Times.text(expiresAt))
        .put("createdAt", Times.text(createdAt));
  }

  String statusAt(Instant now) {
    return InvitationStatus.at(status, expiresAt, now);
  }
}
