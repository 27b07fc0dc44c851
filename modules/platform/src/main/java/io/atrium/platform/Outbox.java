package io.atrium.platform;

import io.atrium.platform.internal.OutboxStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * The transactional outbox (DESIGN.md invariant 3): a message is appended in the transaction of the
 * state change it announces, so it is published if and only if that transaction commits.
 * {@link OutboxRelay} publishes it later.
 */
public final class Outbox {

  /** The platform schema (the outbox table). The server applies it before the contexts' changelogs. */
  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("platform", "db/platform/changelog.yaml");

  private Outbox() {}

  /** Writes the message in the caller's transaction {@code tx}; nothing is sent until it commits. */
  public static Future<Void> append(SqlConnection tx, OutboxMessage message) {
    return OutboxStore.insert(tx, message);
  }
}
