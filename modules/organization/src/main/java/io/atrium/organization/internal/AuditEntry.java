package io.atrium.organization.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** One line of an organization's audit log: who did what to whom. */
record AuditEntry(UUID id, UUID organizationId, Instant occurredAt, UUID actorId, String action,
                  UUID subjectUserId, String subjectEmail, JsonObject details, String requestId) {

  /** A new entry about the given actor's request; subject and details are added with the withers. */
  static AuditEntry of(UUID organizationId, Instant occurredAt, UUID actorId, String action, String requestId) {
    return new AuditEntry(UUID.randomUUID(), organizationId, occurredAt, actorId, action, null, null, new JsonObject(), requestId);
  }

  AuditEntry aboutUser(UUID userId) {
    return new AuditEntry(id, organizationId, occurredAt, actorId, action, userId, subjectEmail, details, requestId);
  }

  AuditEntry aboutEmail(String email) {
    return new AuditEntry(id, organizationId, occurredAt, actorId, action, subjectUserId, email, details, requestId);
  }

  AuditEntry with(String key, Object value) {
    return new AuditEntry(id, organizationId, occurredAt, actorId, action, subjectUserId, subjectEmail,
        details.copy().put(key, value), requestId);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("occurredAt", Times.text(occurredAt))
        .put("actorId", actorId == null ? null : actorId.toString())
        .put("action", action)
        .put("subjectUserId", subjectUserId == null ? null : subjectUserId.toString())
        .put("subjectEmail", subjectEmail)
        .put("details", details)
        .put("requestId", requestId);
  }
}
