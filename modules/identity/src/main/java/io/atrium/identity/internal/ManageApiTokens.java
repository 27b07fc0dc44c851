package io.atrium.identity.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Named API tokens a user creates for scripts, lists (never the secret) and revokes. */
final class ManageApiTokens {

  private static final int MAX_NAME = 100;

  private final UnitOfWork<IdentityTables> storage;
  private final Clock clock;

  ManageApiTokens(UnitOfWork<IdentityTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Only for a verified email ({@code forbidden} before): whoever signed up first with someone's address gets no lasting way in. */
  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    Instant now = Times.now(clock);
    UUID userId = input.uuid("userId");
    String name = input.text("name", 1, MAX_NAME);
    Instant expiresAt = input.futureInstant("expiresAt", now);
    TokenSecret secret = TokenSecret.generate();
    IdentityTables tables = storage.read();
    return input.validated().compose(valid -> tables.users().byId(userId)).compose(user -> {
      if (user.isEmpty() || !user.get().emailVerified()) {
        return Future.failedFuture(VerifyEmail.VERIFY_FIRST.failure());
      }
      Token token = new Token(UUID.randomUUID(), userId, Token.API, name, secret.hash(), now, expiresAt, null, null, false);
      return tables.tokens().insert(token).map(stored -> new JsonObject()
          .put("id", token.id().toString())
          .put("name", name)
          .put("token", secret.value())
          .put("createdAt", Times.text(now))
          .put("expiresAt", Times.text(expiresAt)));
    });
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    int limit = input.integer("limit", 1, 200, 50);
    Tokens.PageKey after = input.cursor(Tokens.PageKey::of);
    return input.validated()
        .compose(valid -> storage.read().tokens().apiTokens(userId, after, limit + 1))
        .map(page -> {
          List<Token> items = page.size() > limit ? page.subList(0, limit) : page;
          Token last = items.isEmpty() ? null : items.get(items.size() - 1);
          return new JsonObject()
              .put("items", new JsonArray(items.stream().map(ManageApiTokens::listed).toList()))
              .put("nextCursor", page.size() > limit ? PageCursor.of(last.createdAt(), last.id()).encode() : null);
        });
  }

  Future<JsonObject> revoke(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    UUID tokenId = input.uuid("tokenId");
    return input.validated()
        .compose(valid -> storage.read().tokens().revokeApiToken(userId, tokenId, Times.now(clock)))
        .compose(revoked -> revoked ? Future.succeededFuture(new JsonObject())
            : Future.failedFuture(Rejection.notFound("API token").failure()));
  }

  private static JsonObject listed(Token token) {
    return new JsonObject()
        .put("id", token.id().toString())
        .put("name", token.name())
        .put("createdAt", Times.text(token.createdAt()))
        .put("expiresAt", Times.text(token.expiresAt()))
        .put("lastUsedAt", Times.text(token.lastUsedAt()));
  }
}
