package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** One line of a workspace's audit log, written in the same transaction as the change it records. */
record AuditEntry(UUID id, UUID workspaceId, Instant occurredAt, UUID actorId, String action, UUID subjectUserId,
                  String subjectEmail, JsonObject details, String requestId) {

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("workspaceId", workspaceId.toString())
        .put("occurredAt", Times.text(occurredAt))
        .put("actorId", actorId == null ? null : actorId.toString())
        .put("action", action)
        .put("subjectUserId", subjectUserId == null ? null : subjectUserId.toString())
        .put("subjectEmail", subjectEmail)
        .put("details", details)
        .put("requestId", requestId);
  }
}
