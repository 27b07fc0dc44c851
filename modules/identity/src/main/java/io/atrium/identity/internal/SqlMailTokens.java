package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use tokens sent by mail (email verification, password reset), stored as SHA-256 hashes. Using one
 * is one statement that marks it used and applies its effect, so a token races nobody into applying twice.
 */
final class SqlMailTokens {

  static final String VERIFY_EMAIL = "verify_email";
  static final String PASSWORD_RESET = "password_reset";

  private static final String INSERT = """
      INSERT INTO identity.mail_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)""";
  private static final String USE = """
      UPDATE identity.mail_tokens SET used_at = $3
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id""";
  private static final String VERIFY = "WITH used AS (" + USE + ")"
      + " UPDATE identity.users u SET email_verified = true FROM used WHERE u.id = used.user_id RETURNING u.id";
  // The password, every session (API tokens are revoked one by one), and the other reset links of the user.
  // A reset proves the user reads the address, so it verifies it too.
  private static final String RESET = "WITH used AS (" + USE + "),"
      + " changed AS (UPDATE identity.users u SET password_hash = $4, email_verified = true FROM used WHERE u.id = used.user_id),"
      + " ended AS (UPDATE identity.tokens t SET revoked_at = $3 FROM used"
      + "   WHERE t.user_id = used.user_id AND t.kind = 'session' AND t.revoked_at IS NULL),"
      + " others AS (UPDATE identity.mail_tokens m SET used_at = $3 FROM used"
      + "   WHERE m.user_id = used.user_id AND m.purpose = 'password_reset' AND m.used_at IS NULL AND m.token_hash <> $1)"
      + " SELECT user_id FROM used";

  private final Pool pool;

  SqlMailTokens(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(Buffer.buffer(hash), userId, purpose, Times.toDb(now), Times.toDb(expiresAt)))
        .mapEmpty();
  }

  /** Marks the user's email verified; empty when the token is unknown, expired or used. */
  Future<Optional<UUID>> verifyEmail(byte[] hash, Instant now) {
    return pool.preparedQuery(VERIFY).execute(Tuple.of(Buffer.buffer(hash), VERIFY_EMAIL, Times.toDb(now)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /** Sets the password and ends every session of the user; empty when the token is unknown, expired or used. */
  Future<Optional<UUID>> resetPassword(byte[] hash, String passwordHash, Instant now) {
    return pool.preparedQuery(RESET)
        .execute(Tuple.of(Buffer.buffer(hash), PASSWORD_RESET, Times.toDb(now), passwordHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }
}
