package io.atrium.identity;

import io.atrium.identity.internal.IdentityEndpoints;
import io.atrium.platform.Invalidations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** Identity's in-process contract for the HTTP layer: who a bearer token (session or API token) belongs to. */
public interface Authenticator {

  /** The token's caller; or fails with {@code Rejection} {@code unauthenticated} when it is unknown, expired or revoked. */
  Future<AuthenticatedCaller> authenticate(String bearerToken);

  /**
   * Answers from a per-process cache keyed by the token's SHA-256, emptied of a user's tokens when their tokens,
   * account or two-factor state change (a {@code user:<id>} notification of {@code invalidations}).
   */
  static Authenticator cached(Pool pool, Clock clock, Invalidations invalidations) {
    return IdentityEndpoints.authenticator(pool, clock, invalidations);
  }
}
