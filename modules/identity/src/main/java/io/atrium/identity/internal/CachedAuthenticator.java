package io.atrium.identity.internal;

import io.atrium.identity.AuthenticatedCaller;
import io.atrium.identity.Authenticator;
import io.atrium.platform.Invalidations;
import io.atrium.platform.NotifiedCache;
import io.vertx.core.Future;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * {@link AuthenticateToken} behind a per-process cache keyed by the token's SHA-256 (never the token). Database triggers
 * notify {@code user:<id>} when a user's tokens, account or two-factor state change; every cached token of that user
 * is then dropped. Unknown or revoked tokens are never cached.
 */
final class CachedAuthenticator implements Authenticator {

  static final String TOPIC = "user";
  /** Short, as a bound on a token's stale lastUsedAt, and as a last resort should a notification ever be lost. */
  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_ENTRIES = 20_000;

  private final AuthenticateToken authentication;
  private final NotifiedCache<ByteBuffer, AuthenticatedCaller> callers;

  CachedAuthenticator(AuthenticateToken authentication, Clock clock, Invalidations invalidations) {
    this.authentication = authentication;
    this.callers = new NotifiedCache<>(invalidations, MAX_ENTRIES, TTL, clock, AuthenticatedCaller::userId);
    // An id that is no UUID throws, and Invalidations then empties every cache.
    invalidations.on(TOPIC, userId -> callers.evictGroup(UUID.fromString(userId)));
  }

  @Override
  public Future<AuthenticatedCaller> authenticate(String bearerToken) {
    if (!AuthenticateToken.wellFormed(bearerToken)) {
      return authentication.authenticate(bearerToken);
    }
    byte[] hash = TokenSecret.hashOf(bearerToken);
    return callers.get(ByteBuffer.wrap(hash), () -> authentication.byHash(hash), AuthenticatedCaller::expiresAt);
  }
}
