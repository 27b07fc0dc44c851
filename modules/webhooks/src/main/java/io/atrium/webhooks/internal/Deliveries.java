package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The events and deliveries tables, in the caller's client or transaction. */
final class Deliveries {

  private static final String INSERT_EVENT = "INSERT INTO webhooks.events (id, organization_id, type, body, created_at)"
      + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING";
  // A message given again (its ack lost) finds its deliveries there already and adds none.
  private static final String INSERT_DELIVERIES = "INSERT INTO webhooks.deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at)"
      + " SELECT gen_random_uuid(), endpoint, $1, 'pending', $2, $2 FROM unnest($3::uuid[]) AS endpoint"
      + " ON CONFLICT (endpoint_id, event_id) DO NOTHING";
  // Claimed rows are leased (their next attempt pushed out): another process's sweep leaves them alone unless this one dies.
  private static final String CLAIM = "WITH due AS (SELECT d.id FROM webhooks.deliveries d JOIN webhooks.endpoints e ON e.id = d.endpoint_id"
      + " WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.enabled AND NOT (d.endpoint_id = ANY ($4::uuid[]))"
      + " ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)"
      + " UPDATE webhooks.deliveries d SET next_attempt_at = $2 FROM due, webhooks.endpoints e, webhooks.events v"
      + " WHERE d.id = due.id AND e.id = d.endpoint_id AND v.id = d.event_id"
      + " RETURNING d.id, d.endpoint_id, d.event_id, d.chain_attempts, e.url, e.secret, e.previous_secret, e.previous_secret_until, v.body";
  private static final String RECORD = "UPDATE webhooks.deliveries SET status = $2, attempts = attempts + 1, chain_attempts = chain_attempts + 1,"
      + " next_attempt_at = $3, last_status_code = $4, last_attempt_at = $5, duration_ms = $6 WHERE id = $1 AND status = 'pending'";
  private static final String FAIL_PENDING = "UPDATE webhooks.deliveries SET status = 'failed', next_attempt_at = NULL"
      + " WHERE endpoint_id = $1 AND status = 'pending'";
  private static final String PAGE = "SELECT d.id, d.event_id, v.type, d.status, d.attempts, d.last_status_code, d.last_attempt_at,"
      + " d.duration_ms, d.next_attempt_at, d.created_at FROM webhooks.deliveries d JOIN webhooks.events v ON v.id = d.event_id"
      + " WHERE d.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2, $3))"
      + " ORDER BY d.created_at DESC, d.id DESC LIMIT $4";
  private static final String REDELIVER = "UPDATE webhooks.deliveries SET status = 'pending', chain_attempts = 0, next_attempt_at = $3"
      + " WHERE endpoint_id = $1 AND id = $2";

  private final SqlClient client;

  Deliveries(SqlClient client) {
    this.client = client;
  }

  Future<Void> insertEvent(UUID id, UUID organizationId, String type, String body, Instant now) {
    return client.preparedQuery(INSERT_EVENT).execute(Tuple.of(id, organizationId, type, body, Times.toDb(now))).mapEmpty();
  }

  /** One pending delivery per endpoint, due now; answers how many were new. */
  Future<Integer> insertDeliveries(UUID eventId, List<UUID> endpointIds, Instant now) {
    return client.preparedQuery(INSERT_DELIVERIES).execute(Tuple.of(eventId, Times.toDb(now), endpointIds.toArray(UUID[]::new)))
        .map(rows -> rows.rowCount());
  }

  /** Up to {@code limit} due deliveries of enabled endpoints not in {@code busy}, leased until {@code leaseUntil}. */
  Future<List<Attempt>> claim(Instant now, Instant leaseUntil, int limit, List<UUID> busy) {
    return client.preparedQuery(CLAIM).execute(Tuple.of(Times.toDb(now), Times.toDb(leaseUntil), limit, busy.toArray(UUID[]::new)))
        .map(rows -> list(rows, Attempt::of));
  }

  /** An attempt's outcome: {@code status} and when the next is due (null: no more). */
  Future<Boolean> record(UUID deliveryId, String status, Instant next, Integer statusCode, Instant at, long durationMs) {
    return client.preparedQuery(RECORD).execute(Tuple.of(deliveryId, status, next == null ? null : Times.toDb(next), statusCode,
        Times.toDb(at), (int) Math.min(Integer.MAX_VALUE, durationMs))).map(rows -> rows.rowCount() > 0);
  }

  Future<Void> failPending(UUID endpointId) {
    return client.preparedQuery(FAIL_PENDING).execute(Tuple.of(endpointId)).mapEmpty();
  }

  Future<List<JsonObject>> page(UUID endpointId, Instant afterCreatedAt, UUID afterId, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(endpointId, afterCreatedAt == null ? null : Times.toDb(afterCreatedAt), afterId, limit))
        .map(rows -> list(rows, Deliveries::json));
  }

  Future<Boolean> redeliver(UUID endpointId, UUID deliveryId, Instant now) {
    return client.preparedQuery(REDELIVER).execute(Tuple.of(endpointId, deliveryId, Times.toDb(now))).map(rows -> rows.rowCount() > 0);
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

  private static <T> List<T> list(io.vertx.sqlclient.RowSet<Row> rows, Function<Row, T> map) {
    List<T> list = new ArrayList<>();
    rows.forEach(row -> list.add(map.apply(row)));
    return list;
  }
}
