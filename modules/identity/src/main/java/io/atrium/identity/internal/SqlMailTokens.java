package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

final class SqlMailTokens implements MailTokens {

  private static final String INSERT = """
      INSERT INTO identity.mail_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)""";
  private static final String USE = """
      UPDATE identity.mail_tokens SET used_at = $3
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id""";
  private static final String LIVE = "SELECT 1 FROM identity.mail_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3";
  private static final String VERIFY = "WITH used AS (" + USE + ")"
      + " UPDATE identity.users u SET email_verified = true FROM used WHERE u.id = used.user_id RETURNING u.id";
  // The password; every token of the user (sessions and API tokens) and open two-factor challenges; the other reset
  // links. A reset proves the user reads the address, so it verifies it too. When it was unverified until now, whoever
  // held the account before (a squatter of the address) may have enrolled their own authenticator: that goes too.
  // All CTEs read the snapshot from before the statement, so "before" sees the old email_verified.
  private static final String RESET = "WITH used AS (" + USE + "),"
      + " before AS (SELECT u.id, u.email_verified FROM identity.users u JOIN used ON u.id = used.user_id),"
      + " changed AS (UPDATE identity.users u SET password_hash = $4, email_verified = true FROM used WHERE u.id = used.user_id),"
      + " ended AS (UPDATE identity.tokens t SET revoked_at = $3 FROM used"
      + "   WHERE t.user_id = used.user_id AND t.revoked_at IS NULL),"
      + " challenges AS (UPDATE identity.mfa_challenges c SET used_at = $3 FROM used"
      + "   WHERE c.user_id = used.user_id AND c.used_at IS NULL),"
      + " codes AS (DELETE FROM identity.recovery_codes r USING before WHERE r.user_id = before.id AND NOT before.email_verified),"
      + " totp AS (DELETE FROM identity.totp t USING before WHERE t.user_id = before.id AND NOT before.email_verified),"
      + " others AS (UPDATE identity.mail_tokens m SET used_at = $3 FROM used"
      + "   WHERE m.user_id = used.user_id AND m.purpose = 'password_reset' AND m.used_at IS NULL AND m.token_hash <> $1)"
      + " SELECT user_id FROM used";

  private final SqlClient client;

  SqlMailTokens(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(Buffer.buffer(hash), userId, purpose, Times.toDb(now), Times.toDb(expiresAt)))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> live(byte[] hash, String purpose, Instant now) {
    return client.preparedQuery(LIVE).execute(Tuple.of(Buffer.buffer(hash), purpose, Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Optional<UUID>> verifyEmail(byte[] hash, Instant now) {
    return client.preparedQuery(VERIFY).execute(Tuple.of(Buffer.buffer(hash), VERIFY_EMAIL, Times.toDb(now)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  @Override
  public Future<Optional<UUID>> resetPassword(byte[] hash, String passwordHash, Instant now) {
    return client.preparedQuery(RESET)
        .execute(Tuple.of(Buffer.buffer(hash), PASSWORD_RESET, Times.toDb(now), passwordHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }
}
