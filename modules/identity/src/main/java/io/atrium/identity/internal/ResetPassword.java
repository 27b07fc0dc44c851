package io.atrium.identity.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Forgot password": a mailed single-use token (1 hour) that sets a new password and ends every session and API token.
 * Asking answers alike for every email, known or not: same reply, and the same work (one Argon2 verification,
 * the token and mail kept off the answer's path), so neither the body nor the time tells whether an account exists.
 */
final class ResetPassword {

  static final Duration TTL = Duration.ofHours(1);
  static final String PREFIX = "atr_pwr_";
  private static final Rejection GONE = Rejection.of(Codes.GONE, "The reset token is unknown, expired or already used");

  private final UnitOfWork<IdentityTables> storage;
  private final Passwords passwords;
  private final String publicUrl;
  private final Throttle perEmail;
  private final Throttle perClient;
  private final Clock clock;

  ResetPassword(UnitOfWork<IdentityTables> storage, Passwords passwords, String publicUrl, Throttle perEmail, Throttle perClient,
                Clock clock) {
    this.storage = storage;
    this.passwords = passwords;
    this.publicUrl = publicUrl;
    this.perEmail = perEmail;
    this.perClient = perClient;
    this.clock = clock;
  }

  /** {@code {email, clientAddress?}} → {} always; {@code rate_limited} per email and per client. */
  Future<JsonObject> request(JsonObject request) {
    Input input = new Input(request);
    String email = input.email("email");
    String clientAddress = request.getValue("clientAddress") instanceof String s && !s.isBlank() ? s.trim() : null;
    return input.validated().compose(valid -> {
      Future<Void> underLimit = clientAddress == null ? Future.succeededFuture()
          : perClient.take(List.of("reset-client:" + clientAddress));
      return underLimit.compose(ok -> perEmail.take(List.of("reset-email:" + User.normalize(email))))
          .compose(allowed -> storage.read().users().byEmail(email))
          .compose(user -> passwords.verifyNobody(email).map(spent -> user))
          .map(user -> {
            user.ifPresent(this::mail);
            return new JsonObject();
          });
    });
  }

  /** {@code {token, newPassword}} → {}; {@code gone} for an unknown, expired or used token. */
  Future<JsonObject> confirm(JsonObject request) {
    Input input = new Input(request);
    String token = input.text("token", 1, 200);
    String newPassword = input.newPassword("newPassword");
    // The token is looked up before Argon2 runs, so junk tokens cost nothing (it is 256-bit: no timing worth learning).
    return input.validated().compose(valid -> {
      byte[] tokenHash = TokenSecret.hashOf(token);
      MailTokens tokens = storage.read().mailTokens();
      return tokens.live(tokenHash, MailTokens.PASSWORD_RESET, Times.now(clock))
          .compose(live -> live ? passwords.hash(newPassword) : Future.failedFuture(GONE.failure()))
          .compose(hash -> tokens.resetPassword(tokenHash, hash, Times.now(clock)))
          .compose(userId -> userId.isPresent()
              // (userId for the endpoint's cache eviction; the route answers 204.)
              ? Future.succeededFuture(new JsonObject().put("userId", userId.get().toString())) : Future.failedFuture(GONE.failure()));
    });
  }

  /**
   * Stores a token and mails it, off the answer's path: a failure is logged, and the user can ask again. The mail is
   * queued in the outbox in a transaction of its own after the token's statement, and sent by its relay.
   */
  private void mail(User user) {
    Instant now = Times.now(clock);
    TokenSecret secret = TokenSecret.generate(PREFIX);
    storage.read().mailTokens().insert(secret.hash(), user.id(), MailTokens.PASSWORD_RESET, now, now.plus(TTL))
        .onFailure(failure -> org.slf4j.LoggerFactory.getLogger(ResetPassword.class).warn("reset token not stored: {}", failure.getMessage()))
        .onSuccess(stored -> storage.transaction((tables, outgoing) ->
        outgoing.mail(user.email(), "Reset your Atrium password", """
            Hello %s,

            someone (hopefully you) asked to reset the password of this Atrium account. Open this link to choose
            a new one (valid for 1 hour; it signs you out everywhere):

            %s/reset-password?token=%s

            Or paste the token into the console:
            Token: %s

            If you did not ask, ignore this mail: your password stays as it is.
            """.formatted(user.name(), publicUrl, secret.value(), secret.value()))));
  }

}
