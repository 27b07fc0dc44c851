package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Who a bearer token belongs to, and ending a token's use. */
final class Authentication {

  private static final Rejection UNAUTHENTICATED = Rejection.of(Codes.UNAUTHENTICATED, "The token is missing, expired or revoked");
  /** lastUsedAt is shown to the minute at best, so one write a minute per API token is enough. */
  private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final Tokens tokens;
  private final Clock clock;

  Authentication(Tokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  Future<JsonObject> authenticate(JsonObject request) {
    if (!(request.getValue("token") instanceof String token) || !token.startsWith(TokenSecret.PREFIX)) {
      return Future.failedFuture(UNAUTHENTICATED.failure());
    }
    byte[] hash = TokenSecret.hashOf(token);
    Instant now = Times.now(clock);
    return tokens.byHash(hash).compose(found -> {
      if (found.isEmpty() || !MessageDigest.isEqual(found.get().token().hash(), hash) || !found.get().token().liveAt(now)) {
        return Future.failedFuture(UNAUTHENTICATED.failure());
      }
      Token live = found.get().token();
      JsonObject identity = new JsonObject()
          .put("userId", live.userId().toString())
          .put("email", found.get().email())
          .put("tokenId", live.id().toString())
          .put("kind", live.kind())
          .put("emailVerified", found.get().emailVerified())
          .put("mfaEnabled", found.get().mfaEnabled());
      return needsUseMark(live, now) ? tokens.markUsed(live.id(), now).map(identity) : Future.succeededFuture(identity);
    });
  }

  Future<JsonObject> signOut(JsonObject request) {
    Input input = new Input(request);
    var tokenId = input.uuid("tokenId");
    return input.validated()
        .compose(valid -> tokens.revoke(tokenId, Times.now(clock)))
        .map(revoked -> new JsonObject());
  }

  private static boolean needsUseMark(Token token, Instant now) {
    return Token.API.equals(token.kind())
        && (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now));
  }
}
