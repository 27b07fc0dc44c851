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
  // Many rows in one statement, in the list's order (a ledger batch's notifications, events and jobs).
  private static final String INSERT_ALL = """
      INSERT INTO platform.outbox (id, exchange, routing_key, message_type, payload)
      SELECT i, e, r, t, p::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(i, e, r, t, p, n)
      ORDER BY n""";
  // SKIP LOCKED: relays in several processes each take different rows instead of waiting for each other.
  private static final String CLAIM = """
      SELECT id, exchange, routing_key, message_type, payload FROM platform.outbox
      WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED""";
  private static final String DELETE = "DELETE FROM platform.outbox WHERE id = ANY($1)";
  // A failed row waits pollMillis * 2^attempts (capped) before its next try; the others go on meanwhile.
  private static final String COUNT_FAILURE = """
      UPDATE platform.outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = clock_timestamp() + least($3::bigint, $4::bigint * power(2, least(attempts, 20))::bigint) * interval '1 millisecond'
      WHERE id = $1 RETURNING attempts""";
  private static final String PARK = """
      WITH moved AS (DELETE FROM platform.outbox WHERE id = $1 RETURNING *)
      INSERT INTO platform.outbox_parked (id, exchange, routing_key, message_type, payload, created_at, attempts, last_error, parked_at)
      SELECT id, exchange, routing_key, message_type, payload, created_at, attempts, last_error, clock_timestamp() FROM moved""";
  private static final String LIST_PARKED = """
      SELECT id, exchange, routing_key, message_type, attempts, last_error, created_at, parked_at FROM platform.outbox_parked
      ORDER BY parked_at, id LIMIT $1""";
  private static final String UNPARK = """
      WITH moved AS (DELETE FROM platform.outbox_parked WHERE $1 OR id = ANY($2) RETURNING *)
      INSERT INTO platform.outbox (id, exchange, routing_key, message_type, payload, created_at)
      SELECT id, exchange, routing_key, message_type, payload, created_at FROM moved
      RETURNING id""";
  private static final String FORGET_PARKED_MAIL = """
      DELETE FROM platform.outbox_parked WHERE exchange = 'mail' AND created_at < now() - $1::bigint * interval '1 millisecond'""";

  private OutboxStore() {}

  /** Deletes parked mail rows created more than {@code ageMillis} ago; answers how many. */
  public static Future<Integer> forgetParkedMail(SqlClient client, long ageMillis) {
    return client.preparedQuery(FORGET_PARKED_MAIL).execute(Tuple.of(ageMillis)).map(rows -> rows.rowCount());
  }

  public static Future<Void> insert(SqlClient tx, OutboxMessage m) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(m.id(), m.exchange(), m.routingKey(), m.type(), m.payload()))
        .mapEmpty();
  }

  public static Future<Void> insertAll(SqlClient tx, List<OutboxMessage> messages) {
    return tx.preparedQuery(INSERT_ALL).execute(Tuple.of(
            messages.stream().map(OutboxMessage::id).toArray(UUID[]::new),
            messages.stream().map(OutboxMessage::exchange).toArray(String[]::new),
            messages.stream().map(OutboxMessage::routingKey).toArray(String[]::new),
            messages.stream().map(OutboxMessage::type).toArray(String[]::new),
            messages.stream().map(m -> m.payload().encode()).toArray(String[]::new)))
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
   * Counts a failure of this row alone (unroutable, mail refused) and moves its next try back; answers its
   * failures so far. Rows that failed don't hold up the others, so rows are not published strictly in the order
   * they were appended (see OutboxRelay).
   */
  public static Future<Integer> countFailure(SqlClient client, UUID id, String error, long baseMillis, long maxMillis) {
    return client.preparedQuery(COUNT_FAILURE).execute(Tuple.of(id, error, maxMillis, baseMillis))
        .map(rows -> rows.iterator().next().getInteger("attempts"));
  }

  /** Moves a row that failed too often to {@code platform.outbox_parked}. */
  public static Future<Void> park(SqlClient client, UUID id) {
    return client.preparedQuery(PARK).execute(Tuple.of(id)).mapEmpty();
  }

  /** Parked rows, oldest parked first, without payloads. */
  public static Future<List<Row>> parked(SqlClient client, int limit) {
    return client.preparedQuery(LIST_PARKED).execute(Tuple.of(limit)).map(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    });
  }

  /** Puts parked rows (all, or those named) back in the outbox with a fresh count; answers their ids. */
  public static Future<List<UUID>> unpark(SqlClient client, boolean all, List<UUID> ids) {
    return client.preparedQuery(UNPARK).execute(Tuple.tuple().addValue(all).addValue(ids.toArray(UUID[]::new))).map(rows -> {
      List<UUID> moved = new ArrayList<>();
      rows.forEach(row -> moved.add(row.getUUID("id")));
      return moved;
    });
  }

  /** One parameter, a {@code uuid[]}, for {@code = ANY($1)}. */
  private static Tuple idArray(List<UUID> ids) {
    return Tuple.of((Object) ids.toArray(UUID[]::new));
  }
}
