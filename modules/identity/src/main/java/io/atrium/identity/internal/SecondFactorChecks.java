package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks of a user's second factor: TOTP codes against their encrypted secret, and single-use recovery codes. Every
 * code tried counts against {@code mfa.maxFailures} per user.
 */
final class SecondFactorChecks {

  private final UnitOfWork<IdentityTables> storage;
  private final SecretCipher cipher;
  private final Throttle attempts;
  private final Clock clock;

  SecondFactorChecks(UnitOfWork<IdentityTables> storage, SecretCipher cipher, Throttle attempts, Clock clock) {
    this.storage = storage;
    this.cipher = cipher;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** A code or a recovery code, whichever the request holds (exactly one). */
  record Proof(String code, String recoveryCode) {
    static Proof read(Input input, JsonObject request) {
      boolean hasCode = request.getValue("code") != null;
      boolean hasRecovery = request.getValue("recoveryCode") != null;
      if (hasCode == hasRecovery) {
        input.error("code", "give either code or recoveryCode");
        return new Proof(null, null);
      }
      return hasCode ? new Proof(input.given("code"), null) : new Proof(null, input.text("recoveryCode", 1, 64));
    }

    String field() {
      return code != null ? "code" : "recoveryCode";
    }
  }

  /** The user's new TOTP secret, encrypted for storing. */
  byte[] encrypt(UUID userId, String secret) {
    return cipher.encrypt(secret, associated(userId));
  }

  /** The step {@code code} is right for under the user's stored secret, if any. */
  OptionalLong matchingStep(UUID userId, byte[] storedSecret, String code, Instant now) {
    return TotpCodes.matchingStep(cipher.decrypt(storedSecret, associated(userId)), code, now);
  }

  /** Whether the proof holds, using it up: a code's step and a recovery code are accepted once. */
  Future<Boolean> proves(UUID userId, Proof proof) {
    Instant now = Times.now(clock);
    SecondFactors secondFactors = storage.read().secondFactors();
    if (proof.recoveryCode() != null) {
      return secondFactors.useRecoveryCode(userId, RecoveryCodes.hash(proof.recoveryCode()), now);
    }
    return secondFactors.state(userId).compose(state -> {
      if (state.isEmpty() || state.get().enabledAt() == null) {
        return Future.succeededFuture(false);
      }
      var step = matchingStep(userId, state.get().secret(), proof.code(), now);
      return step.isEmpty() ? Future.succeededFuture(false) : secondFactors.useStep(userId, step.getAsLong());
    });
  }

  /**
   * Runs a check of a code under the user's attempt limit: the attempt is counted before the code is looked at (so
   * racing guesses can't all slip under the limit), and a right code clears the count.
   */
  Future<Boolean> counted(UUID userId, Supplier<Future<Boolean>> check) {
    return attempts.take(List.of(key(userId))).compose(allowed -> check.get())
        .compose(right -> right ? attempts.clear(key(userId)).map(cleared -> true) : Future.succeededFuture(false));
  }

  static <T> Future<T> wrong(String field) {
    return Future.failedFuture(Rejection.invalid(field, "is not a valid code (wrong, expired or already used)").failure());
  }

  private static String associated(UUID userId) {
    return "totp:" + userId;
  }

  static String key(UUID userId) {
    return "mfa:" + userId;
  }
}
