package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** TOTP secrets (encrypted), recovery codes (hashed) and the short-lived challenges a correct password earns. */
final class SqlTwoFactor {

  /** A user's TOTP row: the encrypted secret, whether it is on, and the step of the last code accepted. */
  record Stored(byte[] secret, Instant enabledAt, Long lastStep) {}

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

  private final Pool pool;

  SqlTwoFactor(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Stored>> state(UUID userId) {
    return pool.preparedQuery(STATE).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      var row = rows.iterator().next();
      return Optional.of(new Stored(row.getBuffer("secret").getBytes(), Times.fromDb(row, "enabled_at"), row.getLong("last_step")));
    });
  }

  /** False when two-factor sign-in is already on. */
  Future<Boolean> start(UUID userId, byte[] secret, Instant now) {
    return pool.preparedQuery(START).execute(Tuple.of(userId, Buffer.buffer(secret), Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  /** Turns the enrolment of exactly this secret on, with fresh recovery codes; false when it changed or is on already. */
  Future<Boolean> enable(UUID userId, byte[] secret, long step, List<byte[]> codeHashes, Instant now) {
    return pool.withTransaction(sql -> sql.preparedQuery(ENABLE)
        .execute(Tuple.of(userId, Times.toDb(now), step, Buffer.buffer(secret)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false) : sql.preparedQuery(DROP_CODES).execute(Tuple.of(userId))
            .compose(dropped -> sql.preparedQuery(ADD_CODE)
                .executeBatch(codeHashes.stream().map(hash -> Tuple.of(userId, Buffer.buffer(hash))).toList()))
            .map(added -> true)));
  }

  Future<Boolean> useStep(UUID userId, long step) {
    return pool.preparedQuery(USE_STEP).execute(Tuple.of(userId, step)).map(rows -> rows.size() > 0);
  }

  Future<Boolean> useRecoveryCode(UUID userId, byte[] hash, Instant now) {
    return pool.preparedQuery(USE_CODE).execute(Tuple.of(userId, Buffer.buffer(hash), Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  Future<Void> disable(UUID userId) {
    return pool.preparedQuery(DISABLE).execute(Tuple.of(userId)).mapEmpty();
  }

  Future<Void> addChallenge(byte[] hash, UUID userId, Instant expiresAt) {
    return pool.preparedQuery(ADD_CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), userId, Times.toDb(expiresAt))).mapEmpty();
  }

  /** The user a live challenge belongs to. */
  Future<Optional<UUID>> challenge(byte[] hash, Instant now) {
    return pool.preparedQuery(CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), Times.toDb(now)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /** Ends a challenge; false when it was used (by a racing request) or expired meanwhile. */
  Future<Boolean> useChallenge(byte[] hash, Instant now) {
    return pool.preparedQuery(USE_CHALLENGE).execute(Tuple.of(Buffer.buffer(hash), Times.toDb(now))).map(rows -> rows.size() > 0);
  }
}
