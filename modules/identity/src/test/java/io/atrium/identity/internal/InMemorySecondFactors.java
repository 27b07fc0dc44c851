package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link SecondFactors} in memory, enrolment and confirmation only; {@link #failAddingCodes} stands for a failed insert. */
final class InMemorySecondFactors implements SecondFactors {

  final Map<UUID, Stored> totp = new HashMap<>();
  final Map<UUID, List<byte[]>> recoveryCodes = new HashMap<>();
  boolean failAddingCodes;

  @Override
  public Future<Optional<Stored>> state(UUID userId) {
    return Future.succeededFuture(Optional.ofNullable(totp.get(userId)));
  }

  @Override
  public Future<Boolean> start(UUID userId, byte[] secret, Instant now) {
    Stored stored = totp.get(userId);
    if (stored != null && stored.enabledAt() != null) {
      return Future.succeededFuture(false);
    }
    totp.put(userId, new Stored(secret, null, null));
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Boolean> enable(UUID userId, byte[] secret, long step, Instant now) {
    Stored stored = totp.get(userId);
    if (stored == null || stored.enabledAt() != null || !Arrays.equals(stored.secret(), secret)) {
      return Future.succeededFuture(false);
    }
    totp.put(userId, new Stored(secret, now, step));
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> dropRecoveryCodes(UUID userId) {
    recoveryCodes.remove(userId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> addRecoveryCodes(UUID userId, List<byte[]> codeHashes) {
    if (failAddingCodes) {
      return Future.failedFuture(new IllegalStateException("insert failed"));
    }
    recoveryCodes.put(userId, List.copyOf(codeHashes));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> useStep(UUID userId, long step) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Boolean> useRecoveryCode(UUID userId, byte[] hash, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Void> disable(UUID userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Void> addChallenge(byte[] hash, UUID userId, Instant expiresAt) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Optional<UUID>> challenge(byte[] hash, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Boolean> useChallenge(byte[] hash, Instant now) {
    throw new UnsupportedOperationException();
  }
}
