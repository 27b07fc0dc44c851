package io.atrium.identity.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the stored bearer tokens. */
interface Tokens {

  /** A token together with what authentication tells of its owner: email, whether verified, whether two-factor is on. */
  record Owned(Token token, String email, String name, boolean emailVerified, boolean mfaEnabled) {}

  /** Where a page of API tokens continues: after this (createdAt, id), newest first; a cursor holds both. */
  record PageKey(Instant createdAt, UUID id) {
    static PageKey of(List<String> parts) {
      List<String> key = PageCursor.sized(parts, 2);
      return key.get(1).length() == 36 ? new PageKey(Times.parse(key.get(0)), UUID.fromString(key.get(1))) : null;
    }
  }

  Future<Void> insert(Token token);

  Future<Optional<Owned>> byHash(byte[] hash);

  Future<Void> markUsed(UUID id, Instant now);

  Future<Void> revoke(UUID id, Instant now);

  /** Revokes one of the user's API tokens; false when the user has no such live API token. */
  Future<Boolean> revokeApiToken(UUID userId, UUID id, Instant now);

  /** Whether the token is a live session of the user that proved the second factor (what operator routes ask for). */
  Future<Boolean> provenSession(UUID id, UUID userId);

  /** The user's unrevoked API tokens, newest first, after {@code after} (null: from the start). */
  Future<List<Token>> apiTokens(UUID userId, PageKey after, int limit);
}
