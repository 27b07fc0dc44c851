package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** {@link Endpoints} in PostgreSQL, on the client it is bound to (the pool, or a transaction's connection). */
final class SqlEndpoints implements Endpoints {

  private static final String COLUMNS = "id, organization_id, url, events, workspace_ids, enabled, created_at";

  private static final String INSERT = "INSERT INTO webhooks.endpoints (id, organization_id, url, events, workspace_ids, secret, enabled,"
      + " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7, $7)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM webhooks.endpoints WHERE organization_id = $1 AND id = $2";
  private static final String PAGE = "SELECT " + COLUMNS + " FROM webhooks.endpoints WHERE organization_id = $1"
      + " AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3)) ORDER BY created_at, id LIMIT $4";
  // Enabling again forgets the failures that disabled it: the five days start anew.
  private static final String UPDATE = "UPDATE webhooks.endpoints SET url = $3, events = $4, workspace_ids = $5,"
      + " failing_since = CASE WHEN $6 AND NOT enabled THEN NULL ELSE failing_since END, enabled = $6, updated_at = $7"
      + " WHERE organization_id = $1 AND id = $2";
  private static final String DELETE_EVENTS = "DELETE FROM webhooks.endpoints WHERE organization_id = $1 AND id = $2";
  private static final String ROTATE = "UPDATE webhooks.endpoints SET previous_secret = secret, previous_secret_until = $4,"
      + " secret = $3, updated_at = $5 WHERE organization_id = $1 AND id = $2";
  // Every endpoint of the organizations (few each: creation is capped), and those named by test events, disabled too.
  private static final String OF_ORGANIZATIONS = "SELECT " + COLUMNS + " FROM webhooks.endpoints"
      + " WHERE (organization_id = ANY ($1) AND enabled) OR id = ANY ($2)";

  // Creations in one organization wait for each other here, so two at the limit can't both pass the count.
  private static final String LOCK_ORGANIZATION = "SELECT pg_advisory_xact_lock(hashtextextended('webhooks.endpoints:' || $1::uuid::text, 0))";
  private static final String COUNT = "SELECT count(*) FROM webhooks.endpoints WHERE organization_id = $1";

  private static final String FAILING = "SELECT failing_since, enabled, organization_id FROM webhooks.endpoints WHERE id = $1";
  private static final String MARK_FAILING = "UPDATE webhooks.endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1"
      + " RETURNING failing_since, enabled, organization_id, url";
  private static final String CLEAR_FAILING = "UPDATE webhooks.endpoints SET failing_since = NULL WHERE id = ANY ($1) AND failing_since IS NOT NULL";
  private static final String DISABLE = "UPDATE webhooks.endpoints SET enabled = false, updated_at = $2 WHERE id = $1 AND enabled";
  // SET reads the row as it was: a window older than a minute starts anew at one.
  private static final String COUNT_MANUAL = "UPDATE webhooks.endpoints SET"
      + " manual_sends = CASE WHEN manual_window_start IS NULL OR manual_window_start <= $3 THEN 1 ELSE manual_sends + 1 END,"
      + " manual_window_start = CASE WHEN manual_window_start IS NULL OR manual_window_start <= $3 THEN $2 ELSE manual_window_start END"
      + " WHERE id = $1 RETURNING manual_window_start, manual_sends";

  private final SqlClient client;

  SqlEndpoints(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Long> countLocked(UUID organizationId) {
    return client.preparedQuery(LOCK_ORGANIZATION).execute(Tuple.of(organizationId))
        .compose(locked -> client.preparedQuery(COUNT).execute(Tuple.of(organizationId)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> insert(Endpoint endpoint, byte[] sealedSecret) {
    return client.preparedQuery(INSERT).execute(Tuple.of(endpoint.id(), endpoint.organizationId(), endpoint.url(),
        endpoint.events().toArray(String[]::new), endpoint.workspaceIds().toArray(UUID[]::new), sealedSecret)
        .addValue(Times.toDb(endpoint.createdAt()))).mapEmpty();
  }

  @Override
  public Future<Endpoint> find(UUID organizationId, UUID id) {
    return client.preparedQuery(FIND).execute(Tuple.of(organizationId, id))
        .map(rows -> rows.size() == 0 ? null : endpoint(rows.iterator().next()));
  }

  @Override
  public Future<List<Endpoint>> page(UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(organizationId, afterCreatedAt == null ? null : Times.toDb(afterCreatedAt), afterId, limit))
        .map(rows -> {
          List<Endpoint> page = new ArrayList<>();
          rows.forEach(row -> page.add(endpoint(row)));
          return page;
        });
  }

  @Override
  public Future<Boolean> update(Endpoint endpoint, Instant now) {
    return client.preparedQuery(UPDATE).execute(Tuple.of(endpoint.organizationId(), endpoint.id(), endpoint.url(),
        endpoint.events().toArray(String[]::new), endpoint.workspaceIds().toArray(UUID[]::new), endpoint.enabled())
        .addValue(Times.toDb(now))).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> delete(UUID organizationId, UUID id) {
    return client.preparedQuery(DELETE_EVENTS).execute(Tuple.of(organizationId, id)).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> rotate(UUID organizationId, UUID id, byte[] sealedSecret, Instant previousUntil, Instant now) {
    return client.preparedQuery(ROTATE).execute(Tuple.of(organizationId, id, sealedSecret, Times.toDb(previousUntil), Times.toDb(now)))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<List<Endpoint>> ofOrganizations(Collection<UUID> organizationIds, Collection<UUID> ids) {
    return client.preparedQuery(OF_ORGANIZATIONS).execute(Tuple.tuple()
        .addValue(organizationIds.toArray(UUID[]::new)).addValue(ids.toArray(UUID[]::new)))
        .map(rows -> {
          List<Endpoint> endpoints = new ArrayList<>();
          rows.forEach(row -> endpoints.add(endpoint(row)));
          return endpoints;
        });
  }

  @Override
  public Future<Failing> failing(UUID endpointId) {
    return client.preparedQuery(FAILING).execute(Tuple.of(endpointId)).map(rows -> rows.size() == 0 ? null : failing(rows, false));
  }

  @Override
  public Future<Failing> markFailing(UUID endpointId, Instant at) {
    return client.preparedQuery(MARK_FAILING).execute(Tuple.of(endpointId, Times.toDb(at))).map(rows -> rows.size() == 0 ? null : failing(rows, true));
  }

  @Override
  public Future<Void> clearFailing(Collection<UUID> endpointIds) {
    return client.preparedQuery(CLEAR_FAILING).execute(Tuple.of(endpointIds.toArray(UUID[]::new))).mapEmpty();
  }

  @Override
  public Future<Boolean> disable(UUID endpointId, Instant now) {
    return client.preparedQuery(DISABLE).execute(Tuple.of(endpointId, Times.toDb(now))).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<ManualWindow> countManualSend(UUID endpointId, Instant now, Instant windowStartedBy) {
    return client.preparedQuery(COUNT_MANUAL).execute(Tuple.of(endpointId, Times.toDb(now), Times.toDb(windowStartedBy))).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new ManualWindow(Times.fromDb(row, "manual_window_start"), row.getInteger("manual_sends"));
    });
  }

  private static Failing failing(RowSet<Row> rows, boolean withUrl) {
    Row row = rows.iterator().next();
    return new Failing(Times.fromDb(row, "failing_since"), row.getBoolean("enabled"), row.getUUID("organization_id"),
        withUrl ? row.getString("url") : null);
  }

  private static Endpoint endpoint(Row row) {
    return new Endpoint(row.getUUID("id"), row.getUUID("organization_id"), row.getString("url"),
        Arrays.asList(row.getArrayOfStrings("events")), Arrays.asList(row.getArrayOfUUIDs("workspace_ids")),
        row.getBoolean("enabled"), Times.fromDb(row, "created_at"));
  }
}
