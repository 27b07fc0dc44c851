package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Opens sessions: session tokens that expire after {@code sessions.ttlHours}. */
final class SessionIssuer {

  private final Tokens tokens;
  private final Duration ttl;
  private final Clock clock;

  SessionIssuer(Tokens tokens, Duration ttl, Clock clock) {
    this.tokens = tokens;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** {@code {token, expiresAt, user}}; the token is shown only in this reply. */
  Future<JsonObject> open(User user) {
    return open(user, false);
  }

  /** As {@link #open(User)}, for a sign-in that proved the second factor (what operator routes ask for). */
  Future<JsonObject> openAfterSecondFactor(User user) {
    return open(user, true);
  }

  private Future<JsonObject> open(User user, boolean secondFactor) {
    Instant now = Times.now(clock);
    TokenSecret secret = TokenSecret.generate();
    Token session = new Token(UUID.randomUUID(), user.id(), Token.SESSION, null, secret.hash(), now, now.plus(ttl), null, null, secondFactor);
    return tokens.insert(session).map(stored -> new JsonObject()
        .put("token", secret.value())
        .put("expiresAt", Times.text(session.expiresAt()))
        .put("user", user.toJson()));
  }
}
