package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlTokens implements Tokens {

  private static final String COLUMNS = "t.id, t.user_id, t.kind, t.name, t.token_hash, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, t.second_factor";
  private static final String INSERT = """
      INSERT INTO identity.tokens (id, user_id, kind, name, token_hash, created_at, expires_at, second_factor)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String BY_HASH =
      "SELECT " + COLUMNS + ", u.email, u.name AS user_name, u.email_verified, EXISTS (SELECT 1 FROM identity.totp f WHERE f.user_id = t.user_id"
      + " AND f.enabled_at IS NOT NULL) AS mfa_enabled FROM identity.tokens t JOIN identity.users u ON u.id = t.user_id"
      + " WHERE t.token_hash = $1";
  private static final String MARK_USED = "UPDATE identity.tokens SET last_used_at = $2 WHERE id = $1";
  private static final String REVOKE = "UPDATE identity.tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_API = """
      UPDATE identity.tokens SET revoked_at = $3
       WHERE id = $2 AND user_id = $1 AND kind = 'api' AND revoked_at IS NULL RETURNING id""";
  // API tokens (made without the second factor, and long-lived) never reach operator routes.
  private static final String PROVEN_SESSION = """
      SELECT 1 FROM identity.tokens WHERE id = $1 AND user_id = $2 AND kind = 'session' AND second_factor AND revoked_at IS NULL""";
  private static final String API_TOKENS = "SELECT " + COLUMNS
      + " FROM identity.tokens t WHERE t.user_id = $1 AND t.kind = 'api' AND t.revoked_at IS NULL";
  private static final String ORDER = " ORDER BY t.created_at DESC, t.id DESC LIMIT ";
  private static final String FIRST_PAGE = API_TOKENS + ORDER + "$2";
  private static final String NEXT_PAGE = API_TOKENS + " AND (t.created_at, t.id) < ($2, $3)" + ORDER + "$4";

  private final SqlClient client;

  SqlTokens(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Token token) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(token.id(), token.userId(), token.kind(), token.name(), Buffer.buffer(token.hash()),
            Times.toDb(token.createdAt()), Times.toDb(token.expiresAt()), token.secondFactor()))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Owned>> byHash(byte[] hash) {
    return client.preparedQuery(BY_HASH).execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(owned(rows.iterator().next())));
  }

  @Override
  public Future<Void> markUsed(UUID id, Instant now) {
    return client.preparedQuery(MARK_USED).execute(Tuple.of(id, Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Void> revoke(UUID id, Instant now) {
    return client.preparedQuery(REVOKE).execute(Tuple.of(id, Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Boolean> revokeApiToken(UUID userId, UUID id, Instant now) {
    return client.preparedQuery(REVOKE_API).execute(Tuple.of(userId, id, Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> provenSession(UUID id, UUID userId) {
    return client.preparedQuery(PROVEN_SESSION).execute(Tuple.of(id, userId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<List<Token>> apiTokens(UUID userId, PageKey after, int limit) {
    var page = after == null
        ? client.preparedQuery(FIRST_PAGE).execute(Tuple.of(userId, limit))
        : client.preparedQuery(NEXT_PAGE).execute(Tuple.of(userId, Times.toDb(after.createdAt()), after.id(), limit));
    return page.map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlTokens::token).toList());
  }

  private static Owned owned(Row row) {
    return new Owned(token(row), row.getString("email"), row.getString("user_name"), row.getBoolean("email_verified"),
        row.getBoolean("mfa_enabled"));
  }

  private static Token token(Row row) {
    return new Token(row.getUUID("id"), row.getUUID("user_id"), row.getString("kind"), row.getString("name"),
        row.getBuffer("token_hash").getBytes(), Times.fromDb(row, "created_at"), Times.fromDb(row, "expires_at"),
        Times.fromDb(row, "revoked_at"), Times.fromDb(row, "last_used_at"), row.getBoolean("second_factor"));
  }
}
