package io.atrium.identity.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Two-factor sign-in with TOTP: enrolment, confirmation with ten single-use recovery codes, turning it off,
 * and the second step of sign-in. Every code tried counts against {@code mfa.maxFailures} per user.
 */
final class TwoFactor {

  static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
  private static final String CHALLENGE_PREFIX = "atr_mfa_";
  private static final Rejection WRONG_SIGN_IN = Rejection.of(Codes.INVALID_CREDENTIALS, "The code is wrong or was already used");
  private static final Rejection UNKNOWN_CHALLENGE = Rejection.of(Codes.UNAUTHENTICATED,
      "The mfaToken is unknown, expired or used; sign in with your password again");

  private final Users users;
  private final SqlTwoFactor store;
  private final SecretCipher cipher;
  private final SessionIssuer sessions;
  private final Throttle attempts;
  private final Clock clock;

  TwoFactor(Users users, SqlTwoFactor store, SecretCipher cipher, SessionIssuer sessions, Throttle attempts, Clock clock) {
    this.users = users;
    this.store = store;
    this.cipher = cipher;
    this.sessions = sessions;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** {@code {userId}} → {@code {secret, otpauthUri}}; {@code conflict} when it is on already, {@code forbidden} while the email is unverified. */
  Future<JsonObject> enrol(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String secret = TotpCodes.newSecret();
    return input.validated()
        .compose(valid -> existing(userId))
        .compose(user -> user.emailVerified() ? Future.succeededFuture(user) : Future.<User>failedFuture(VerifyEmail.VERIFY_FIRST.failure()))
        .compose(user -> store.start(userId, cipher.encrypt(secret, associated(userId)), Times.now(clock))
            .compose(started -> started
                ? Future.succeededFuture(new JsonObject().put("secret", secret).put("otpauthUri", TotpCodes.uri(secret, user.email())))
                : Future.failedFuture(Rejection.conflict("Two-factor sign-in is already on; turn it off first to enrol again").failure())));
  }

  /** {@code {userId, code}} → {@code {recoveryCodes}}: turns it on. A wrong code is {@code validation_failed} on {@code code}. */
  Future<JsonObject> confirm(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String code = input.string("code");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> store.state(userId))
        .compose(state -> {
          if (state.isEmpty() || state.get().enabledAt() != null) {
            return Future.failedFuture(Rejection.conflict(state.isEmpty()
                ? "Start enrolment first (POST /me/mfa/totp)" : "Two-factor sign-in is already on").failure());
          }
          OptionalLong step = TotpCodes.matchingStep(cipher.decrypt(state.get().secret(), associated(userId)), code, now);
          return counted(userId, () -> Future.succeededFuture(step.isPresent()))
              .compose(right -> right ? enableWithCodes(userId, state.get().secret(), step.getAsLong(), now) : wrong("code"));
        });
  }

  /** {@code {userId, code | recoveryCode}} → {}: turns it off. */
  Future<JsonObject> disable(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    Proof proof = Proof.read(input, request);
    return input.validated()
        .compose(valid -> counted(userId, () -> proves(userId, proof)))
        .compose(proved -> proved ? store.disable(userId).map(done -> new JsonObject()) : wrong(proof.field()));
  }

  /** Opens a session for a user whose password was right, or asks for the second factor when it is on. */
  Future<JsonObject> afterPassword(User user) {
    return store.state(user.id()).compose(state -> {
      if (state.isEmpty() || state.get().enabledAt() == null) {
        return sessions.open(user);
      }
      Instant expiresAt = Times.now(clock).plus(CHALLENGE_TTL);
      TokenSecret challenge = TokenSecret.generate(CHALLENGE_PREFIX);
      return store.addChallenge(challenge.hash(), user.id(), expiresAt).compose(added -> Future.failedFuture(
          Rejection.of(Codes.MFA_REQUIRED, "Two-factor sign-in is on: send a code from your authenticator app, or a recovery code, "
                  + "with this mfaToken to POST /sessions/mfa")
              .with("mfaToken", challenge.value()).with("mfaTokenExpiresAt", Times.text(expiresAt)).failure()));
    });
  }

  /** {@code {mfaToken, code | recoveryCode}} → {@code {token, expiresAt, user}}. */
  Future<JsonObject> finishSignIn(JsonObject request) {
    Input input = new Input(request);
    String mfaToken = input.text("mfaToken", 1, 200);
    Proof proof = Proof.read(input, request);
    return input.validated().compose(valid -> {
      byte[] hash = TokenSecret.hashOf(mfaToken);
      return store.challenge(hash, Times.now(clock)).compose(userId -> userId.isEmpty()
          ? Future.failedFuture(UNKNOWN_CHALLENGE.failure())
          : counted(userId.get(), () -> proves(userId.get(), proof))
              .compose(proved -> proved ? store.useChallenge(hash, Times.now(clock)) : Future.failedFuture(WRONG_SIGN_IN.failure()))
              .compose(used -> used ? existing(userId.get()) : Future.failedFuture(UNKNOWN_CHALLENGE.failure()))
              .compose(sessions::openAfterSecondFactor));
    });
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
      return hasCode ? new Proof(input.string("code"), null) : new Proof(null, input.text("recoveryCode", 1, 64));
    }

    String field() {
      return code != null ? "code" : "recoveryCode";
    }
  }

  /** Whether the proof holds, using it up: a code's step and a recovery code are accepted once. */
  private Future<Boolean> proves(UUID userId, Proof proof) {
    Instant now = Times.now(clock);
    if (proof.recoveryCode() != null) {
      return store.useRecoveryCode(userId, RecoveryCodes.hash(proof.recoveryCode()), now);
    }
    return store.state(userId).compose(state -> {
      if (state.isEmpty() || state.get().enabledAt() == null) {
        return Future.succeededFuture(false);
      }
      var step = TotpCodes.matchingStep(cipher.decrypt(state.get().secret(), associated(userId)), proof.code(), now);
      return step.isEmpty() ? Future.succeededFuture(false) : store.useStep(userId, step.getAsLong());
    });
  }

  /**
   * Runs a check of a code under the user's attempt limit: the attempt is counted before the code is looked at (so
   * racing guesses can't all slip under the limit), and a right code clears the count.
   */
  private Future<Boolean> counted(UUID userId, Supplier<Future<Boolean>> check) {
    return attempts.take(List.of(key(userId))).compose(allowed -> check.get())
        .compose(right -> right ? attempts.clear(key(userId)).map(cleared -> true) : Future.succeededFuture(false));
  }

  private Future<JsonObject> enableWithCodes(UUID userId, byte[] storedSecret, long step, Instant now) {
    List<String> codes = RecoveryCodes.generate();
    List<byte[]> hashes = codes.stream().map(RecoveryCodes::hash).toList();
    return store.enable(userId, storedSecret, step, hashes, now).compose(enabled -> enabled
        ? Future.succeededFuture(new JsonObject().put("recoveryCodes", new JsonArray(codes)))
        : Future.failedFuture(Rejection.conflict("The enrolment changed meanwhile; start again").failure()));
  }

  private static <T> Future<T> wrong(String field) {
    return Future.failedFuture(Rejection.invalid(field, "is not a valid code (wrong, expired or already used)").failure());
  }

  private static String associated(UUID userId) {
    return "totp:" + userId;
  }

  static String key(UUID userId) {
    return "mfa:" + userId;
  }

  private Future<User> existing(UUID userId) {
    return users.byId(userId).compose(user -> Rejected.orNotFound(user, "User"));
  }
}
