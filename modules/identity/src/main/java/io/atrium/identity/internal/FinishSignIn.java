package io.atrium.identity.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The end of a sign-in whose password was right: a session at once, or, while two-factor sign-in is on, a short-lived
 * challenge that a code from the authenticator app (or a recovery code) then turns into a session.
 */
final class FinishSignIn {

  static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
  private static final String CHALLENGE_PREFIX = "atr_mfa_";
  private static final Rejection WRONG_SIGN_IN = Rejection.of(Codes.INVALID_CREDENTIALS, "The code is wrong or was already used");
  private static final Rejection UNKNOWN_CHALLENGE = Rejection.of(Codes.UNAUTHENTICATED,
      "The mfaToken is unknown, expired or used; sign in with your password again");

  private final UnitOfWork<IdentityTables> storage;
  private final SecondFactorChecks checks;
  private final SessionIssuer sessions;
  private final Clock clock;

  FinishSignIn(UnitOfWork<IdentityTables> storage, SecondFactorChecks checks, SessionIssuer sessions, Clock clock) {
    this.storage = storage;
    this.checks = checks;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Opens a session for a user whose password was right, or asks for the second factor when it is on. */
  Future<JsonObject> afterPassword(User user) {
    SecondFactors secondFactors = storage.read().secondFactors();
    return secondFactors.state(user.id()).compose(state -> {
      if (state.isEmpty() || state.get().enabledAt() == null) {
        return sessions.open(user);
      }
      Instant expiresAt = Times.now(clock).plus(CHALLENGE_TTL);
      TokenSecret challenge = TokenSecret.generate(CHALLENGE_PREFIX);
      return secondFactors.addChallenge(challenge.hash(), user.id(), expiresAt).compose(added -> Future.failedFuture(
          Rejection.of(Codes.MFA_REQUIRED, "Two-factor sign-in is on: send a code from your authenticator app, or a recovery code, "
                  + "with this mfaToken to POST /sessions/mfa")
              .with("mfaToken", challenge.value()).with("mfaTokenExpiresAt", Times.text(expiresAt)).failure()));
    });
  }

  /** {@code {mfaToken, code | recoveryCode}} → {@code {token, expiresAt, user}}. */
  Future<JsonObject> finishSignIn(JsonObject request) {
    Input input = new Input(request);
    String mfaToken = input.text("mfaToken", 1, 200);
    SecondFactorChecks.Proof proof = SecondFactorChecks.Proof.read(input, request);
    return input.validated().compose(valid -> {
      byte[] hash = TokenSecret.hashOf(mfaToken);
      SecondFactors secondFactors = storage.read().secondFactors();
      return secondFactors.challenge(hash, Times.now(clock)).compose(userId -> userId.isEmpty()
          ? Future.failedFuture(UNKNOWN_CHALLENGE.failure())
          : checks.counted(userId.get(), () -> checks.proves(userId.get(), proof))
              .compose(proved -> proved ? secondFactors.useChallenge(hash, Times.now(clock)) : Future.failedFuture(WRONG_SIGN_IN.failure()))
              .compose(used -> used ? existing(userId.get()) : Future.failedFuture(UNKNOWN_CHALLENGE.failure()))
              .compose(sessions::openAfterSecondFactor));
    });
  }

  private Future<User> existing(UUID userId) {
    return storage.read().users().byId(userId).compose(user -> Rejected.orNotFound(user, "User"));
  }
}
