package io.atrium.identity.internal;

import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Turning two-factor sign-in with TOTP on and off: enrolment, confirmation with ten single-use recovery codes, and
 * turning it off. Every code tried counts against {@code mfa.maxFailures} per user ({@link SecondFactorChecks}).
 */
final class ManageTwoFactor {

  private final UnitOfWork<IdentityTables> storage;
  private final SecondFactorChecks checks;
  private final Clock clock;

  ManageTwoFactor(UnitOfWork<IdentityTables> storage, SecondFactorChecks checks, Clock clock) {
    this.storage = storage;
    this.checks = checks;
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
        .compose(user -> storage.read().secondFactors().start(userId, checks.encrypt(userId, secret), Times.now(clock))
            .compose(started -> started
                ? Future.succeededFuture(new JsonObject().put("secret", secret).put("otpauthUri", TotpCodes.uri(secret, user.email())))
                : Future.failedFuture(Rejection.conflict("Two-factor sign-in is already on; turn it off first to enrol again").failure())));
  }

  /** {@code {userId, code}} → {@code {recoveryCodes}}: turns it on. A wrong code is {@code validation_failed} on {@code code}. */
  Future<JsonObject> confirm(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String code = input.given("code");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> storage.read().secondFactors().state(userId))
        .compose(state -> {
          if (state.isEmpty() || state.get().enabledAt() != null) {
            return Future.failedFuture(Rejection.conflict(state.isEmpty()
                ? "Start enrolment first (POST /me/mfa/totp)" : "Two-factor sign-in is already on").failure());
          }
          OptionalLong step = checks.matchingStep(userId, state.get().secret(), code, now);
          return checks.counted(userId, () -> Future.succeededFuture(step.isPresent()))
              .compose(right -> right ? enableWithCodes(userId, state.get().secret(), step.getAsLong(), now)
                  : SecondFactorChecks.wrong("code"));
        });
  }

  /** {@code {userId, code | recoveryCode}} → {}: turns it off. */
  Future<JsonObject> disable(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    SecondFactorChecks.Proof proof = SecondFactorChecks.Proof.read(input, request);
    return input.validated()
        .compose(valid -> checks.counted(userId, () -> checks.proves(userId, proof)))
        .compose(proved -> proved ? storage.read().secondFactors().disable(userId).map(done -> new JsonObject())
            : SecondFactorChecks.wrong(proof.field()));
  }

  /** Turns the enrolment of exactly this secret on and replaces the recovery codes, in one transaction. */
  private Future<JsonObject> enableWithCodes(UUID userId, byte[] storedSecret, long step, Instant now) {
    List<String> codes = RecoveryCodes.generate();
    List<byte[]> hashes = codes.stream().map(RecoveryCodes::hash).toList();
    return storage.transaction(tables -> tables.secondFactors().enable(userId, storedSecret, step, now)
            .compose(enabled -> !enabled ? Future.succeededFuture(false) : tables.secondFactors().dropRecoveryCodes(userId)
                .compose(dropped -> tables.secondFactors().addRecoveryCodes(userId, hashes))
                .map(added -> true)))
        .compose(enabled -> enabled
            ? Future.succeededFuture(new JsonObject().put("recoveryCodes", new JsonArray(codes)))
            : Future.failedFuture(Rejection.conflict("The enrolment changed meanwhile; start again").failure()));
  }

  private Future<User> existing(UUID userId) {
    return storage.read().users().byId(userId).compose(user -> Rejected.orNotFound(user, "User"));
  }
}
