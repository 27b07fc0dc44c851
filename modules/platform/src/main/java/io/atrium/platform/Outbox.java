package io.atrium.platform;

import io.atrium.platform.internal.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox (DESIGN.md invariant 3): a message is appended in the transaction of the
 * state change it announces, so it is published if and only if that transaction commits.
 * {@link OutboxRelay} publishes it later.
 */
public final class Outbox {

  /** The platform schema (the outbox table). The server applies it before the contexts' changelogs. */
  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("platform", "db/platform/changelog.yaml");

  /** The pseudo-exchange of mail rows: the relay sends them over SMTP instead of publishing them. */
  public static final String MAIL = "mail";

  private Outbox() {}

  /** Writes the message in the caller's transaction {@code tx}; nothing is sent until it commits. */
  public static Future<Void> append(SqlClient tx, OutboxMessage message) {
    return OutboxStore.insert(tx, message);
  }

  /**
   * Queues a plain-text mail in the caller's transaction {@code tx}: it goes out after the commit, retried until
   * the SMTP server takes it, and never while the transaction holds its locks.
   */
  public static Future<Void> mail(SqlClient tx, String to, String subject, String text) {
    return append(tx, new OutboxMessage(UUID.randomUUID(), MAIL, "", "mail",
        new JsonObject().put("to", to).put("subject", subject).put("text", text)));
  }

  /** Rows parked after failing {@code outbox.parkAfterAttempts} times, oldest first, without payloads. */
  public static Future<List<Row>> parked(SqlClient client, int limit) {
    return OutboxStore.parked(client, limit);
  }

  /** Puts parked rows (all, or those named) back in the outbox; answers the ids moved. */
  public static Future<List<UUID>> replayParked(SqlClient client, boolean all, List<UUID> ids) {
    return OutboxStore.unpark(client, all, ids);
  }
}
