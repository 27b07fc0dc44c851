package io.atrium.platform.internal;

import io.atrium.platform.OutboxMessage;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code platform.outbox} table. */
public final class OutboxStore {

  private static final String INSERT = """
      INSERT INTO platform.outbox (id, exchange, routing_key, message_type, payload)
      VALUES ($1, $2, $3, $4, $5)""";
  // SKIP LOCKED: relays in several processes each take different rows instead of waiting for each other.
  private static final String CLAIM = """
      SELECT id, exchange, routing_key, message_type, payload FROM platform.outbox
      WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED""";
  private static final String DELETE = "DELETE FROM platform.outbox WHERE id = ANY($1)";
  private static final String COUNT_ATTEMPT = "UPDATE platform.outbox SET attempts = attempts + 1 WHERE id = ANY($1)";

  private OutboxStore() {}

  public static Future<Void> insert(SqlConnection tx, OutboxMessage m) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(m.id(), m.exchange(), m.routingKey(), m.type(), m.payload()))
        .mapEmpty();
  }

  /** Locks up to {@code limit} due messages until {@code tx} ends. */
  public static Future<List<OutboxMessage>> claim(SqlConnection tx, int limit) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(limit)).map(rows -> {
      List<OutboxMessage> messages = new ArrayList<>(rows.size());
      for (Row row : rows) {
        messages.add(new OutboxMessage(row.getUUID("id"), row.getString("exchange"), row.getString("routing_key"),
            row.getString("message_type"), row.getJsonObject("payload")));
      }
      return messages;
    });
  }

  public static Future<Void> delete(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(DELETE).execute(idArray(ids)).mapEmpty();
  }

  /**
   * Counts a failed publish. The rows keep their place in line (the relay as a whole backs off), so
   * one workspace's jobs still go out in the order they were appended.
   */
  public static Future<Void> countFailedAttempt(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(COUNT_ATTEMPT).execute(idArray(ids)).mapEmpty();
  }

  /** One parameter, a {@code uuid[]}, for {@code = ANY($1)}. */
  private static Tuple idArray(List<UUID> ids) {
    return Tuple.of((Object) ids.toArray(UUID[]::new));
  }
}
