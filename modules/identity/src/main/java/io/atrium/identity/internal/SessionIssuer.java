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
    Instant now = Times.now(clock);
    TokenSecret secret = TokenSecret.generate();
    Token session = new Token(UUID.randomUUID(), user.id(), Token.SESSION, null, secret.hash(), now, now.plus(ttl), null, null);
    return tokens.insert(session).map(stored -> new JsonObject()
        .put("token", secret.value())
        .put("expiresAt", Times.text(session.expiresAt()))
        .put("user", user.toJson()));
  }
}
