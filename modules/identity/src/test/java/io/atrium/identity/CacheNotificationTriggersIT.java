package io.atrium.identity;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Migrations;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change that may make an API process's cached caller wrong notifies {@code user:<id>} on commit (the old
 * and the new user when a token changes hands); a token merely used ({@code last_used_at}) notifies nothing.
 */
@Timeout(60)
class CacheNotificationTriggersIT {

  private static Vertx vertx;
  private static Pool pool;
  private static PgConnection listener;
  private static final LinkedBlockingQueue<String> payloads = new LinkedBlockingQueue<>();

  @BeforeAll
  static void listen() {
    vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().config();
    Migrations.apply(vertx, config, List.of(IdentityVerticle.CHANGELOG)).await();
    pool = Database.pool(vertx, config);
    listener = PgConnection.connect(vertx, Database.connectOptions(config.string("pg.url"))).await();
    listener.notificationHandler(notification -> payloads.add(notification.getPayload()));
    listener.query("LISTEN " + Invalidations.CHANNEL).execute().await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void tokenRevocationExpiryMoveAndDeletionNotifyTheirUsers() {
    UUID user = user();
    UUID token = token(user);
    assertThat(notified("UPDATE identity.tokens SET revoked_at = now() WHERE id = $1", token)).containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.tokens SET expires_at = now() WHERE id = $1", token)).containsExactly("user:" + user);
    UUID other = user();
    assertThat(notified("UPDATE identity.tokens SET user_id = $2 WHERE id = $1", token, other))
        .as("the old owner's processes still hold it").containsExactlyInAnyOrder("user:" + user, "user:" + other);
    assertThat(notified("DELETE FROM identity.tokens WHERE id = $1", token)).containsExactly("user:" + other);
  }

  @Test
  void aTokenMerelyUsedNotifiesNothing() {
    UUID token = token(user());
    assertThat(notified("UPDATE identity.tokens SET last_used_at = now() WHERE id = $1", token)).isEmpty();
  }

  @Test
  void emailVerificationRenameAndDeletionOfAUserNotifyIt() {
    UUID user = user();
    token(user);
    assertThat(notified("UPDATE identity.users SET email = email || '.changed' WHERE id = $1", user)).containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.users SET email_verified = true WHERE id = $1", user)).containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.users SET name = 'Renamed' WHERE id = $1", user)).as("GET /me shows the cached name")
        .containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.users SET password_hash = 'changed' WHERE id = $1", user)).as("nothing a cached caller holds")
        .isEmpty();
    // The cascade deletes its tokens too; each notifies (PostgreSQL folds identical payloads of one transaction).
    assertThat(notified("DELETE FROM identity.users WHERE id = $1", user)).containsExactly("user:" + user);
  }

  @Test
  void twoFactorEnrolmentConfirmationAndRemovalNotify() {
    UUID user = user();
    assertThat(notified("INSERT INTO identity.totp (user_id, secret, created_at) VALUES ($1, '\\x00', now())", user))
        .containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.totp SET enabled_at = now() WHERE user_id = $1", user)).containsExactly("user:" + user);
    assertThat(notified("UPDATE identity.totp SET last_step = 1 WHERE user_id = $1", user)).as("a code used").isEmpty();
    assertThat(notified("DELETE FROM identity.totp WHERE user_id = $1", user)).containsExactly("user:" + user);
  }

  @Test
  void aRowWithoutAUserIdIsRefusedRatherThanNotifyingNothing() {
    assertThatThrownBy(() -> pool.withConnection(conn -> conn.query("CREATE TEMP TABLE orphan (user_id uuid)").execute()
        .compose(v -> conn.query("CREATE TRIGGER orphan_notify AFTER INSERT ON pg_temp.orphan FOR EACH ROW "
            + "EXECUTE FUNCTION identity.notify_user_changed('user_id')").execute())
        .compose(v -> conn.query("INSERT INTO pg_temp.orphan VALUES (NULL)").execute())
        .eventually(() -> conn.query("DROP TABLE pg_temp.orphan").execute())).await())
        .isInstanceOf(PgException.class).hasMessageContaining("has no user_id");
  }

  private static UUID user() {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO identity.users (id, email, email_normalized, name, password_hash, created_at) VALUES ($1, $2, $2, 'T', 'x', now())")
        .execute(Tuple.of(id, id + "@example.test")).await();
    drain();
    return id;
  }

  private static UUID token(UUID user) {
    UUID id = UUID.randomUUID();
    byte[] hash = new byte[32];
    new java.security.SecureRandom().nextBytes(hash);
    pool.preparedQuery("INSERT INTO identity.tokens (id, user_id, kind, token_hash, created_at) VALUES ($1, $2, 'session', $3, now())")
        .execute(Tuple.of(id, user, io.vertx.core.buffer.Buffer.buffer(hash))).await();
    drain();
    return id;
  }

  /** What {@code sql} notified on commit: everything heard before a marker notified after it. */
  private static List<String> notified(String sql, Object... args) {
    pool.preparedQuery(sql).execute(Tuple.from(args)).await();
    return drain();
  }

  private static List<String> drain() {
    String marker = "marker:" + UUID.randomUUID();
    pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(Invalidations.CHANNEL, marker)).await();
    List<String> heard = new ArrayList<>();
    try {
      for (String payload = payloads.poll(10, TimeUnit.SECONDS); !marker.equals(payload); payload = payloads.poll(10, TimeUnit.SECONDS)) {
        assertThat(payload).as("the marker within 10 s").isNotNull();
        heard.add(payload);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return heard;
  }
}
