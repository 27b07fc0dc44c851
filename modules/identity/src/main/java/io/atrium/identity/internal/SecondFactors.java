package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: TOTP secrets (encrypted), recovery codes (hashed) and the short-lived challenges a correct password earns. */
interface SecondFactors {

  /** A user's TOTP row: the encrypted secret, whether it is on, and the step of the last code accepted. */
  record Stored(byte[] secret, Instant enabledAt, Long lastStep) {}

  Future<Optional<Stored>> state(UUID userId);

  /** False when two-factor sign-in is already on. */
  Future<Boolean> start(UUID userId, byte[] secret, Instant now);

  /** Turns the enrolment of exactly this secret on; false when it changed or is on already. */
  Future<Boolean> enable(UUID userId, byte[] secret, long step, Instant now);

  Future<Void> dropRecoveryCodes(UUID userId);

  Future<Void> addRecoveryCodes(UUID userId, List<byte[]> codeHashes);

  /** False when the step is at or before the last one accepted (a replay), or two-factor sign-in is off. */
  Future<Boolean> useStep(UUID userId, long step);

  Future<Boolean> useRecoveryCode(UUID userId, byte[] hash, Instant now);

  /** Turns it off, with the recovery codes, in one statement. */
  Future<Void> disable(UUID userId);

  Future<Void> addChallenge(byte[] hash, UUID userId, Instant expiresAt);

  /** The user a live challenge belongs to. */
  Future<Optional<UUID>> challenge(byte[] hash, Instant now);

  /** Ends a challenge; false when it was used (by a racing request) or expired meanwhile. */
  Future<Boolean> useChallenge(byte[] hash, Instant now);
}
