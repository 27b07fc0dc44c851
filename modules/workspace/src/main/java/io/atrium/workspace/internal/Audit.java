package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Builds audit entries for one request: who acted, when, and the request's optional {@code requestId}. */
final class Audit {

  private final UUID workspaceId;
  private final UUID actorId;
  private final Instant at;
  private final String requestId;

  Audit(JsonObject request, UUID workspaceId, UUID actorId, Instant at) {
    this.workspaceId = workspaceId;
    this.actorId = actorId;
    this.at = at;
    this.requestId = request.getValue("requestId") instanceof String s && !s.isBlank() ? s : null;
  }

  AuditEntry entry(String action, UUID subjectUserId, String subjectEmail, JsonObject details) {
    return new AuditEntry(UUID.randomUUID(), workspaceId, at, actorId, action, subjectUserId, subjectEmail,
        details == null ? new JsonObject() : details, requestId);
  }
}
