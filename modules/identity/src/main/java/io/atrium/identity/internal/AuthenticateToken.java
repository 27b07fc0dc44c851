package io.atrium.identity.internal;

import io.atrium.platform.Secrets;
import io.atrium.identity.AuthenticatedCaller;
import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Who a bearer token belongs to. */
final class AuthenticateToken {

  private static final Rejection UNAUTHENTICATED = Rejection.of(Codes.UNAUTHENTICATED, "The token is missing, expired or revoked");
  /** lastUsedAt is shown to the minute at best, so one write a minute per API token is enough. */
  private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final UnitOfWork<IdentityTables> storage;
  private final Clock clock;

  AuthenticateToken(UnitOfWork<IdentityTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** The bus form of {@link #authenticate(String)}: {@code {token}} → the caller as JSON. */
  Future<JsonObject> authenticate(JsonObject request) {
    return authenticate(request.getValue("token") instanceof String token ? token : null).map(caller -> new JsonObject()
        .put("userId", caller.userId().toString())
        .put("email", caller.email())
        .put("tokenId", caller.tokenId().toString())
        .put("kind", caller.tokenKind())
        .put("emailVerified", caller.emailVerified())
        .put("mfaEnabled", caller.mfaEnabled()));
  }

  Future<AuthenticatedCaller> authenticate(String token) {
    return wellFormed(token) ? byHash(TokenSecret.hashOf(token)) : Future.failedFuture(UNAUTHENTICATED.failure());
  }

  static boolean wellFormed(String token) {
    return token != null && token.startsWith(TokenSecret.PREFIX);
  }

  /** The caller of the token with this SHA-256; an API token's use is marked at most once a minute. */
  Future<AuthenticatedCaller> byHash(byte[] hash) {
    Instant now = Times.now(clock);
    Tokens tokens = storage.read().tokens();
    return tokens.byHash(hash).compose(found -> {
      if (found.isEmpty() || !Secrets.sameHash(found.get().token().hash(), hash) || !found.get().token().liveAt(now)) {
        return Future.failedFuture(UNAUTHENTICATED.failure());
      }
      Token live = found.get().token();
      AuthenticatedCaller caller = new AuthenticatedCaller(live.userId(), found.get().email(), found.get().name(), live.id(),
          live.kind(), found.get().emailVerified(), found.get().mfaEnabled(), live.expiresAt());
      return needsUseMark(live, now) ? tokens.markUsed(live.id(), now).map(caller) : Future.succeededFuture(caller);
    });
  }

  private static boolean needsUseMark(Token token, Instant now) {
    return Token.API.equals(token.kind())
        && (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now));
  }
}
