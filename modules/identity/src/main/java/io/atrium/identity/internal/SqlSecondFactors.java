package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class SqlSecondFactors implements SecondFactors {

  private static final String STATE = "SELECT secret, enabled_at, last_step FROM identity.totp WHERE user_id = $1";
  // A new enrolment replaces one not yet confirmed, never one that is on.
  private static final String START = """
      INSERT INTO identity.totp (user_id, secret, created_at) VALUES ($1, $2, $3)
      ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at, last_step = NULL
       WHERE totp.enabled_at IS NULL RETURNING user_id""";
  private static final String ENABLE = """
      UPDATE identity.totp SET enabled_at = $2, last_step = $3
       WHERE user_id = $1 AND enabled_at IS NULL AND secret = $4 RETURNING user_id""";
  private static final String DROP_CODES = "DELETE FROM identity.recovery_codes WHERE user_id = $1";
  private static final String ADD_CODE = "INSERT INTO identity.recovery_codes (user_id, code_hash) VALUES ($1, $2)";
  // A step at or before the last accepted one is a replay (or an older code): refused.
  private static final String USE_STEP = """
      UPDATE identity.totp SET last_step = $2
       WHERE user_id = $1 AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < $2) RETURNING user_id""";
  private static final String USE_CODE = """
      UPDATE identity.recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id""";
  private static final String DISABLE = """
      WITH codes AS (DELETE FROM identity.recovery_codes WHERE user_id = $1) DELETE FROM identity.totp WHERE user_id = $1""";
  private static final String ADD_CHALLENGE = "INSERT INTO identity.mfa_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, $3)";
  private static final String CHALLENGE = """
      SELECT user_id FROM identity.mfa_challenges WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2""";
  private static final String USE_CHALLENGE = """
      UPDATE identity.mfa_challenges SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id""";

  private final SqlClient client;

  SqlSecondFactors(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Optional<Stored>> state(UUID userId) {
    return client.preparedQuery(STATE).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      var row = rows.iterator().next();
      return Optional.of(new Stored(row.getBuffer("secret").getBytes(), Times.fromDb(row, "enabled_at"), row.getLong("last_step")));
    });
  }

  @Override
  public Future<Boolean> start(UUID userId, byte[] secret, Instant now) {
    return client.preparedQuery(START).execute(Tuple.of(userId, Buffer.buffer(secret), Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> enable(UUID userId, byte[] secret, long step, Instant now) {
    return client.preparedQuery(ENABLE).execute(Tuple.of(userId, Times.toDb(now), step, Buffer.buffer(secret))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> dropRecoveryCodes(UUID userId) {
    return client.preparedQuery(DROP_CODES).execute(Tuple.of(userId)).mapEmpty();
  }

  @Override
  public Future<Void> addRecoveryCodes(UUID userId, List<byte[]> codeHashes) {
    return client.preparedQuery(ADD_CODE).executeBatch(codeHashes.stream().map(hash -> Tuple.of(userId, Buffer.buffer(hash))).toList())
        .mapEmpty();
  }

  @Override
  public Future<Boolean> useStep(UUID userId, long step) {
    return client.preparedQuery(USE_STEP).execute(Tuple.of(userId, step)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> useRecoveryCode(UUID userId, byte[] hash, Instant now) {
    return client.preparedQuery(USE_CODE).execute(Tuple.of(userId, Buffer.buffer(hash), Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> disable(UUID userId) {
    return client.preparedQuery(DISABLE).execute(Tuple.of(userId)).mapEmpty();
  }

  @Override
  public Future<Void> addChallenge(byte[] hash, UUID userId, Instant expiresAt) {
    return client.preparedQuery(ADD_CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), userId, Times.toDb(expiresAt))).mapEmpty();
  }

  @Override
  public Future<Optional<UUID>> challenge(byte[] hash, Instant now) {
    return client.preparedQuery(CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), Times.toDb(now)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  @Override
  public Future<Boolean> useChallenge(byte[] hash, Instant now) {
    return client.preparedQuery(USE_CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), Times.toDb(now))).map(rows -> rows.size() > 0);
  }
}
