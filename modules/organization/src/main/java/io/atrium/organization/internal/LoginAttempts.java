package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.time.Instant;

/** Port: SSO logins in flight. */
interface LoginAttempts {

  Future<Void> insert(LoginAttempt attempt);

  /** The attempt with this state hash, locked until the transaction ends, or null. */
  Future<LoginAttempt> lockByStateHash(byte[] stateHash);

  Future<Void> markUsed(LoginAttempt attempt, Instant now);

  /** Forgets attempts that expired before {@code cutoff}; they can no longer be used anyway. */
  Future<Void> purgeExpired(Instant cutoff);
}
