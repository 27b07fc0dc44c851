package io.atrium.identity.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored bearer token: a sign-in session or a named API token. Holds the token's hash, never the token.
 * {@code secondFactor}: a session opened through {@code POST /sessions/mfa}, so its holder proved the second factor.
 */
record Token(UUID id, UUID userId, String kind, String name, byte[] hash, Instant createdAt, Instant expiresAt,
             Instant revokedAt, Instant lastUsedAt, boolean secondFactor) {

  static final String SESSION = "session";
  static final String API = "api";

  boolean liveAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
