package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Messages no consumer could apply, kept in {@code platform.dead_letters} with why, until an operator replays
 * them ({@code ./atrium dead-letters}). A replay appends the message to the outbox under its own message id, so
 * a consumer that already applied it drops it: replayed jobs apply exactly once.
 */
public final class DeadLetters {

  /**
   * One dead letter; {@code exchange} is the logical name (topology.json), {@code payload} the body as received,
   * {@code deadAt} null until stored.
   */
  public record DeadLetter(String id, String exchange, String routingKey, String type, String payload, String reason,
                           int failures, Instant deadAt) {}

  private static final String RECORD_FAILURE = """
      INSERT INTO platform.job_failures (message_id, failures, last_error, last_failed_at) VALUES ($1, 1, $2, now())
      ON CONFLICT (message_id) DO UPDATE SET failures = platform.job_failures.failures + 1, last_error = EXCLUDED.last_error,
                                             last_failed_at = EXCLUDED.last_failed_at
      RETURNING failures""";
  private static final String FORGET_FAILURES = "DELETE FROM platform.job_failures WHERE message_id = ANY($1)";
  private static final String LAST_ERROR = "SELECT failures, last_error FROM platform.job_failures WHERE message_id = $1";
  private static final String PARK = """
      INSERT INTO platform.dead_letters (id, exchange, routing_key, message_type, payload, reason, failures, dead_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, now())
      ON CONFLICT (id) DO UPDATE SET reason = EXCLUDED.reason, failures = EXCLUDED.failures, dead_at = now()""";
  private static final String LIST = """
      SELECT id, exchange, routing_key, message_type, payload, reason, failures, dead_at FROM platform.dead_letters
      ORDER BY dead_at, id LIMIT $1""";
  private static final String PICK = """
      SELECT id, exchange, routing_key, message_type, payload, reason, failures, dead_at FROM platform.dead_letters
      WHERE $1 OR id = ANY($2) ORDER BY dead_at, id FOR UPDATE""";
  private static final String TAKE = "DELETE FROM platform.dead_letters WHERE id = ANY($1)";
  private static final String COUNT = "SELECT count(*) FROM platform.dead_letters";

  /** What a replay did: the letters queued again, and those refused (id to why), which stay where they are. */
  public record Replay(List<DeadLetter> replayed, Map<String, String> refused) {}

  private DeadLetters() {}

  /** Counts one deterministic failure of a message; answers how many it has had. */
  public static Future<Integer> recordFailure(SqlClient client, String messageId, String error) {
    return client.preparedQuery(RECORD_FAILURE).execute(Tuple.of(messageId, error))
        .map(rows -> rows.iterator().next().getInteger("failures"));
  }

  public static Future<Void> forgetFailures(SqlClient client, List<String> messageIds) {
    return client.preparedQuery(FORGET_FAILURES).execute(Tuple.of((Object) messageIds.toArray(String[]::new))).mapEmpty();
  }

  /** The failures counted for a message and the last one's error, or null. */
  public static Future<JsonObject> lastFailure(SqlClient client, String messageId) {
    return client.preparedQuery(LAST_ERROR).execute(Tuple.of(messageId)).map(rows -> rows.size() == 0 ? null
        : new JsonObject().put("failures", rows.iterator().next().getInteger("failures"))
            .put("error", rows.iterator().next().getString("last_error")));
  }

  /** Keeps a dead letter (a second time replaces the first) and forgets its failure count. */
  public static Future<Void> park(SqlClient client, DeadLetter letter) {
    return client.preparedQuery(PARK).execute(Tuple.from(new Object[] {letter.id(), letter.exchange(), letter.routingKey(),
            letter.type(), letter.payload(), letter.reason(), letter.failures()}))
        .compose(v -> forgetFailures(client, List.of(letter.id())));
  }

  public static Future<List<DeadLetter>> list(SqlClient client, int limit) {
    return client.preparedQuery(LIST).execute(Tuple.of(limit)).map(DeadLetters::letters);
  }

  public static Future<Long> count(SqlClient client) {
    return client.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Moves the named dead letters (or all) back into the outbox in one transaction, under their own message ids.
   * A letter for an exchange that is not in the topology, or whose payload is not JSON, is refused and stays (a
   * replay could never deliver it); unknown ids are ignored.
   */
  public static Future<Replay> replay(Pool pool, Topology topology, boolean all, List<String> ids) {
    Set<String> exchanges = topology.exchanges();
    return pool.withTransaction(tx -> tx.preparedQuery(PICK).execute(Tuple.tuple().addValue(all).addValue(ids.toArray(String[]::new)))
        .map(DeadLetters::letters)
        .compose(letters -> {
          List<DeadLetter> replayed = new ArrayList<>();
          List<OutboxMessage> messages = new ArrayList<>();
          Map<String, String> refused = new LinkedHashMap<>();
          for (DeadLetter letter : letters) {
            JsonObject payload = jsonOrNull(letter.payload());
            if (!exchanges.contains(letter.exchange())) {
              refused.put(letter.id(), "exchange " + letter.exchange() + " is not in the topology");
            } else if (payload == null) {
              refused.put(letter.id(), "the payload is not a JSON object");
            } else {
              replayed.add(letter);
              messages.add(new OutboxMessage(messageId(letter.id()), letter.exchange(), letter.routingKey(),
                  letter.type() == null ? "unknown" : letter.type(), payload));
            }
          }
          List<String> taken = replayed.stream().map(DeadLetter::id).toList();
          Future<Void> chain = tx.preparedQuery(TAKE).execute(Tuple.of((Object) taken.toArray(String[]::new)))
              .compose(v -> forgetFailures(tx, taken));
          for (OutboxMessage message : messages) {
            chain = chain.compose(v -> Outbox.append(tx, message));
          }
          return chain.map(new Replay(replayed, refused));
        }));
  }

  private static JsonObject jsonOrNull(String text) {
    try {
      return text == null ? null : new JsonObject(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The outbox needs a UUID; a dead letter that came without one (not ours) gets a new one. */
  private static UUID messageId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return UUID.randomUUID();
    }
  }

  private static List<DeadLetter> letters(io.vertx.sqlclient.RowSet<Row> rows) {
    List<DeadLetter> letters = new ArrayList<>();
    for (Row row : rows) {
      letters.add(new DeadLetter(row.getString("id"), row.getString("exchange"), row.getString("routing_key"),
          row.getString("message_type"), row.getString("payload"), row.getString("reason"), row.getInteger("failures"),
          Times.fromDb(row, "dead_at")));
    }
    return letters;
  }
}
