package io.atrium.organization.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * An email domain an organization claims; it counts (for SSO routing, enforcement and linking) only while
 * {@code verified}: its TXT record {@code _atrium-challenge.<domain>} held {@code txtValue} at the last check.
 */
record Domain(UUID organizationId, String domain, Status status, String txtValue, Instant createdAt, Instant verifiedAt,
              Instant checkedAt) {

  static final String CHALLENGE_PREFIX = "_atrium-challenge.";

  enum Status {
    PENDING, VERIFIED, FAILED;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status parse(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  String txtName() {
    return CHALLENGE_PREFIX + domain;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("domain", domain)
        .put("status", status.text())
        .put("txtName", txtName())
        .put("txtValue", txtValue)
        .put("verifiedAt", verifiedAt == null ? null : Times.text(verifiedAt))
        .put("checkedAt", checkedAt == null ? null : Times.text(checkedAt))
        .put("createdAt", Times.text(createdAt));
  }
}
