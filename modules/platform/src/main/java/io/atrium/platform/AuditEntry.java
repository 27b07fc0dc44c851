package io.atrium.platform;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a context's audit log ({@link AuditTrail}): who did what to whom, in which scope (the organization or
 * workspace whose log it is).
 */
public record AuditEntry(UUID id, UUID scopeId, Instant occurredAt, UUID actorId, String action, UUID subjectUserId,
                         String subjectEmail, JsonObject details, String requestId) {

  /** A new entry about the given actor's request; subject and details are added with the withers. */
  public static AuditEntry of(UUID scopeId, Instant occurredAt, UUID actorId, String action, String requestId) {
    return new AuditEntry(UUID.randomUUID(), scopeId, occurredAt, actorId, action, null, null, new JsonObject(), requestId);
  }

  public AuditEntry aboutUser(UUID userId) {
    return new AuditEntry(id, scopeId, occurredAt, actorId, action, userId, subjectEmail, details, requestId);
  }

  public AuditEntry aboutEmail(String email) {
    return new AuditEntry(id, scopeId, occurredAt, actorId, action, subjectUserId, email, details, requestId);
  }

  public AuditEntry with(String key, Object value) {
    return new AuditEntry(id, scopeId, occurredAt, actorId, action, subjectUserId, subjectEmail, details.copy().put(key, value), requestId);
  }

  /** As the API shows it; {@code scopeField} names the scope's id in it (as {@code workspaceId}), or null leaves it out. */
  public JsonObject toJson(String scopeField) {
    JsonObject json = new JsonObject().put("id", id.toString());
    if (scopeField != null) {
      json.put(scopeField, scopeId.toString());
    }
    return json
        .put("occurredAt", Times.text(occurredAt))
        .put("actorId", actorId == null ? null : actorId.toString())
        .put("action", action)
        .put("subjectUserId", subjectUserId == null ? null : subjectUserId.toString())
        .put("subjectEmail", subjectEmail)
        .put("details", details)
        .put("requestId", requestId);
  }
}
