package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Proving a user reads their address: a mailed single-use link (24 hours), sent at sign-up and again on request. */
final class VerifyEmail {

  static final Duration TTL = Duration.ofHours(24);
  static final String PREFIX = "atr_ver_";
  private static final Rejection GONE = Rejection.of(io.atrium.platform.Codes.GONE,
      "The verification link is unknown, expired or already used; ask for a new one");
  /**
   * What grants lasting access beyond a session (API tokens, an authenticator) waits for a verified email: otherwise
   * whoever signed up first with someone's address could keep a way in after its owner takes the account back.
   */
  static final Rejection VERIFY_FIRST = Rejection.of(io.atrium.platform.Codes.FORBIDDEN,
      "Verify your email address first: open the link in the verification mail (POST /api/v1/users/verify-email); "
          + "POST /api/v1/me/verification-mail sends it again");

  private final UnitOfWork<IdentityTables> storage;
  private final String publicUrl;
  private final Throttle resends;
  private final Clock clock;

  VerifyEmail(UnitOfWork<IdentityTables> storage, String publicUrl, Throttle resends, Clock clock) {
    this.storage = storage;
    this.publicUrl = publicUrl;
    this.resends = resends;
    this.clock = clock;
  }

  /**
   * Stores a new token and mails it; completes once the token is stored (the mail goes on by itself). The mail is
   * queued in the outbox in a transaction of its own after the token's statement, and sent by its relay.
   */
  Future<Void> send(User user) {
    Instant now = Times.now(clock);
    TokenSecret secret = TokenSecret.generate(PREFIX);
    return storage.read().mailTokens().insert(secret.hash(), user.id(), MailTokens.VERIFY_EMAIL, now, now.plus(TTL))
        .onSuccess(stored -> storage.transaction((tables, outgoing) -> outgoing.mail(user.email(), "Verify your email address for Atrium", """
            Hello %s,

            please confirm that this is your email address by opening this link (valid for 24 hours):

            %s/verify-email?token=%s

            Or paste the token into the console:
            Token: %s

            If you did not sign up for Atrium, ignore this mail.
            """.formatted(user.name(), publicUrl, secret.value(), secret.value()))));
  }

  /** {@code {token}} → user with {@code emailVerified: true}; {@code gone} for an unknown, expired or used token. */
  Future<JsonObject> verify(JsonObject request) {
    Input input = new Input(request);
    String token = input.text("token", 1, 200);
    return input.validated()
        .compose(valid -> storage.read().mailTokens().verifyEmail(TokenSecret.hashOf(token), Times.now(clock)))
        .compose(userId -> userId.isEmpty() ? Future.failedFuture(GONE.failure()) : storage.read().users().byId(userId.get()))
        .map(user -> user.orElseThrow().toJson());
  }

  /** {@code {userId}} → {}: mails a new link; {@code conflict} when already verified, {@code rate_limited} past the limit. */
  Future<JsonObject> resend(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated()
        .compose(valid -> storage.read().users().byId(userId))
        .compose(user -> {
          if (user.isEmpty()) {
            return Future.failedFuture(Rejection.notFound("User").failure());
          }
          if (user.get().emailVerified()) {
            return Future.failedFuture(Rejection.conflict("The email address is already verified").failure());
          }
          return resends.take(List.of("verify-mail:" + userId)).compose(allowed -> send(user.get()));
        })
        .map(sent -> new JsonObject());
  }
}
