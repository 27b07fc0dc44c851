package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** {@link Deliveries} in PostgreSQL, on the client it is bound to (the pool, or a transaction's connection). */
final class SqlDeliveries implements Deliveries {

  private static final String INSERT_EVENTS = "INSERT INTO webhooks.events (id, organization_id, type, body, created_at)"
      + " SELECT * , $5::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) ON CONFLICT (id) DO NOTHING";
  // A message given again (its ack lost) finds its deliveries there already and adds none. Joined with the endpoints:
  // one deleted since they were read gets none.
  private static final String INSERT_DELIVERIES = "INSERT INTO webhooks.deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at)"
      + " SELECT gen_random_uuid(), x.endpoint, x.event, 'pending', $3, $3 FROM unnest($1::uuid[], $2::uuid[]) AS x (event, endpoint)"
      + " JOIN webhooks.endpoints e ON e.id = x.endpoint ON CONFLICT (endpoint_id, event_id) DO NOTHING";
  // Claimed rows are leased (their next attempt pushed out): another process's sweep leaves them alone unless this one dies.
  // Each endpoint gives at most $6 less what this process holds of it ($4/$5), oldest due first, so no organization's
  // backlog takes the whole claim.
  private static final String CLAIM = "WITH held AS (SELECT * FROM unnest($4::uuid[], $5::int[]) AS h (endpoint_id, n)),"
      + " due AS (SELECT c.id FROM webhooks.endpoints e LEFT JOIN held h ON h.endpoint_id = e.id"
      + " CROSS JOIN LATERAL (SELECT d.id, d.next_attempt_at FROM webhooks.deliveries d"
      + " WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= $1"
      + " ORDER BY d.next_attempt_at LIMIT GREATEST(0, $6 - COALESCE(h.n, 0)) FOR UPDATE OF d SKIP LOCKED) c"
      + " WHERE e.enabled ORDER BY c.next_attempt_at LIMIT $3)"
      + " UPDATE webhooks.deliveries d SET next_attempt_at = $2, claimed_until = $2 FROM due, webhooks.endpoints e, webhooks.events v"
      + " WHERE d.id = due.id AND e.id = d.endpoint_id AND v.id = d.event_id"
      + " RETURNING d.id, d.endpoint_id, d.event_id, d.chain_attempts, e.url, e.secret, e.previous_secret, e.previous_secret_until, v.body";
  private static final String RECORD = "UPDATE webhooks.deliveries SET status = $2, attempts = attempts + 1, chain_attempts = chain_attempts + 1,"
      + " next_attempt_at = $3, claimed_until = NULL, last_status_code = $4, last_attempt_at = $5, duration_ms = $6 WHERE id = $1 AND status = 'pending'";
  private static final String FAIL_PENDING = "UPDATE webhooks.deliveries SET status = 'failed', next_attempt_at = NULL"
      + " WHERE endpoint_id = $1 AND status = 'pending'";
  private static final String PAGE = "SELECT d.id, d.event_id, v.type, d.status, d.attempts, d.last_status_code, d.last_attempt_at,"
      + " d.duration_ms, d.next_attempt_at, d.created_at FROM webhooks.deliveries d JOIN webhooks.events v ON v.id = d.event_id"
      + " WHERE d.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2, $3))"
      + " ORDER BY d.created_at DESC, d.id DESC LIMIT $4";
  // A delivery being sent now (claimed, not yet recorded) is left to that attempt.
  private static final String REDELIVER = "UPDATE webhooks.deliveries SET status = 'pending', chain_attempts = 0, next_attempt_at = $3"
      + " WHERE endpoint_id = $1 AND id = $2 AND (claimed_until IS NULL OR claimed_until <= $3)";
  private static final String EXISTS = "SELECT 1 FROM webhooks.deliveries WHERE endpoint_id = $1 AND id = $2";
  private static final String RECORD_SUCCESSES = "UPDATE webhooks.deliveries d SET status = 'succeeded', attempts = attempts + 1,"
      + " chain_attempts = chain_attempts + 1, next_attempt_at = NULL, claimed_until = NULL, last_status_code = u.code, last_attempt_at = u.at, duration_ms = u.ms"
      + " FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[]) AS u (id, code, at, ms) WHERE d.id = u.id AND d.status = 'pending'";
  private static final String PRUNE_SETTLED = "DELETE FROM webhooks.deliveries WHERE id IN (SELECT id FROM webhooks.deliveries"
      + " WHERE status <> 'pending' AND created_at < $1 AND COALESCE(last_attempt_at, created_at) < $1 LIMIT " + PRUNE_BATCH + ")";
  private static final String PRUNE_EVENTS = "DELETE FROM webhooks.events WHERE id IN (SELECT v.id FROM webhooks.events v"
      + " WHERE v.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhooks.deliveries d WHERE d.event_id = v.id) LIMIT " + PRUNE_BATCH + ")";

  private final SqlClient client;

  SqlDeliveries(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insertEvents(List<FanOut.Event> events, Instant now) {
    return client.preparedQuery(INSERT_EVENTS).execute(Tuple.of(events.stream().map(FanOut.Event::id).toArray(UUID[]::new),
        events.stream().map(FanOut.Event::organizationId).toArray(UUID[]::new), events.stream().map(FanOut.Event::type).toArray(String[]::new),
        events.stream().map(FanOut.Event::body).toArray(String[]::new), Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Integer> insertDeliveries(List<UUID> eventIds, List<UUID> endpointIds, Instant now) {
    return client.preparedQuery(INSERT_DELIVERIES).execute(Tuple.of(eventIds.toArray(UUID[]::new), endpointIds.toArray(UUID[]::new),
        Times.toDb(now))).map(rows -> rows.rowCount());
  }

  @Override
  public Future<List<Attempt>> claim(Instant now, Instant leaseUntil, int limit, Map<UUID, Integer> held, int perEndpoint) {
    UUID[] endpoints = held.keySet().toArray(UUID[]::new);
    Integer[] counts = Arrays.stream(endpoints).map(held::get).toArray(Integer[]::new);
    return client.preparedQuery(CLAIM).execute(Tuple.of(Times.toDb(now), Times.toDb(leaseUntil), limit, endpoints, counts, perEndpoint))
        .map(rows -> list(rows, SqlDeliveries::attempt));
  }

  @Override
  public Future<Boolean> record(UUID deliveryId, String status, Instant next, Integer statusCode, Instant at, long durationMs) {
    return client.preparedQuery(RECORD).execute(Tuple.of(deliveryId, status, next == null ? null : Times.toDb(next), statusCode,
        Times.toDb(at), (int) Math.min(Integer.MAX_VALUE, durationMs))).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Void> failPending(UUID endpointId) {
    return client.preparedQuery(FAIL_PENDING).execute(Tuple.of(endpointId)).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> page(UUID endpointId, Instant afterCreatedAt, UUID afterId, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(endpointId, afterCreatedAt == null ? null : Times.toDb(afterCreatedAt), afterId, limit))
        .map(rows -> list(rows, SqlDeliveries::json));
  }

  @Override
  public Future<Boolean> redeliver(UUID endpointId, UUID deliveryId, Instant now) {
    return client.preparedQuery(REDELIVER).execute(Tuple.of(endpointId, deliveryId, Times.toDb(now))).compose(rows -> rows.rowCount() > 0
        ? Future.succeededFuture(true)
        : client.preparedQuery(EXISTS).execute(Tuple.of(endpointId, deliveryId)).map(found -> found.size() > 0 ? false : null));
  }

  @Override
  public Future<Void> succeeded(List<Success> successes) {
    UUID[] ids = successes.stream().map(Success::deliveryId).toArray(UUID[]::new);
    Integer[] codes = successes.stream().map(Success::statusCode).toArray(Integer[]::new);
    OffsetDateTime[] ats = successes.stream().map(s -> Times.toDb(s.at())).toArray(OffsetDateTime[]::new);
    Integer[] millis = successes.stream().map(s -> (int) Math.min(Integer.MAX_VALUE, s.durationMs())).toArray(Integer[]::new);
    return client.preparedQuery(RECORD_SUCCESSES).execute(Tuple.of(ids, codes, ats, millis)).mapEmpty();
  }

  @Override
  public Future<Integer> pruneSettled(Instant cutoff) {
    return client.preparedQuery(PRUNE_SETTLED).execute(Tuple.of(Times.toDb(cutoff))).map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> pruneUnreferencedEvents(Instant cutoff) {
    return client.preparedQuery(PRUNE_EVENTS).execute(Tuple.of(Times.toDb(cutoff))).map(rows -> rows.rowCount());
  }

  private static Attempt attempt(Row row) {
    Buffer previous = row.getBuffer("previous_secret");
    return new Attempt(row.getUUID("id"), row.getUUID("endpoint_id"), row.getUUID("event_id"), row.getInteger("chain_attempts"),
        row.getString("url"), Buffer.buffer(row.getString("body")), row.getBuffer("secret").getBytes(),
        previous == null ? null : previous.getBytes(), Times.fromDb(row, "previous_secret_until"));
  }

  private static JsonObject json(Row row) {
    Instant last = Times.fromDb(row, "last_attempt_at");
    Instant next = Times.fromDb(row, "next_attempt_at");
    return new JsonObject().put("id", row.getUUID("id").toString()).put("eventId", row.getUUID("event_id").toString())
        .put("eventType", row.getString("type")).put("status", row.getString("status")).put("attempts", row.getInteger("attempts"))
        .put("lastStatusCode", row.getInteger("last_status_code")).put("lastAttemptAt", last == null ? null : Times.text(last))
        .put("durationMs", row.getInteger("duration_ms"))
        .put("nextAttemptAt", next == null || !"pending".equals(row.getString("status")) ? null : Times.text(next))
        .put("createdAt", Times.text(Times.fromDb(row, "created_at")));
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
    List<T> list = new ArrayList<>();
    rows.forEach(row -> list.add(map.apply(row)));
    return list;
  }
}
