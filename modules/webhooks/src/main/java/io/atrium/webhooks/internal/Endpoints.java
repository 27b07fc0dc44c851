package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The endpoints table, in the caller's client or transaction. */
final class Endpoints {

  private static final String INSERT = "INSERT INTO webhooks.endpoints (id, organization_id, url, events, workspace_ids, secret, enabled,"
      + " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7, $7)";
  private static final String FIND = "SELECT " + Endpoint.COLUMNS + " FROM webhooks.endpoints WHERE organization_id = $1 AND id = $2";
  private static final String PAGE = "SELECT " + Endpoint.COLUMNS + " FROM webhooks.endpoints WHERE organization_id = $1"
      + " AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3)) ORDER BY created_at, id LIMIT $4";
  // Enabling again forgets the failures that disabled it: the five days start anew.
  private static final String UPDATE = "UPDATE webhooks.endpoints SET url = $3, events = $4, workspace_ids = $5,"
      + " failing_since = CASE WHEN $6 AND NOT enabled THEN NULL ELSE failing_since END, enabled = $6, updated_at = $7"
      + " WHERE organization_id = $1 AND id = $2";
  private static final String DELETE_EVENTS = "DELETE FROM webhooks.endpoints WHERE organization_id = $1 AND id = $2";
  private static final String ROTATE = "UPDATE webhooks.endpoints SET previous_secret = secret, previous_secret_until = $4,"
      + " secret = $3, updated_at = $5 WHERE organization_id = $1 AND id = $2";
  // Every endpoint of the organizations (few each: creation is capped), and those named by test events, disabled too.
  private static final String OF_ORGANIZATIONS = "SELECT " + Endpoint.COLUMNS + " FROM webhooks.endpoints"
      + " WHERE (organization_id = ANY ($1) AND enabled) OR id = ANY ($2)";

  // Creations in one organization wait for each other here, so two at the limit can't both pass the count.
  private static final String LOCK_ORGANIZATION = "SELECT pg_advisory_xact_lock(hashtextextended('webhooks.endpoints:' || $1::uuid::text, 0))";
  private static final String COUNT = "SELECT count(*) FROM webhooks.endpoints WHERE organization_id = $1";

  private final SqlClient client;

  Endpoints(SqlClient client) {
    this.client = client;
  }

  /** The organization's endpoints, counted under its lock (held till the transaction ends). */
  Future<Long> countLocked(UUID organizationId) {
    return client.preparedQuery(LOCK_ORGANIZATION).execute(Tuple.of(organizationId))
        .compose(locked -> client.preparedQuery(COUNT).execute(Tuple.of(organizationId)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Void> insert(Endpoint endpoint, byte[] sealedSecret) {
    return client.preparedQuery(INSERT).execute(Tuple.of(endpoint.id(), endpoint.organizationId(), endpoint.url(),
        endpoint.events().toArray(String[]::new), endpoint.workspaceIds().toArray(UUID[]::new), sealedSecret)
        .addValue(Times.toDb(endpoint.createdAt()))).mapEmpty();
  }

  /** The organization's endpoint, or null. */
  Future<Endpoint> find(UUID organizationId, UUID id) {
    return client.preparedQuery(FIND).execute(Tuple.of(organizationId, id))
        .map(rows -> rows.size() == 0 ? null : Endpoint.of(rows.iterator().next()));
  }

  Future<List<Endpoint>> page(UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(organizationId, afterCreatedAt == null ? null : Times.toDb(afterCreatedAt), afterId, limit))
        .map(rows -> {
          List<Endpoint> page = new ArrayList<>();
          rows.forEach(row -> page.add(Endpoint.of(row)));
          return page;
        });
  }

  /** False when the endpoint is gone (deleted meanwhile). */
  Future<Boolean> update(Endpoint endpoint, Instant now) {
    return client.preparedQuery(UPDATE).execute(Tuple.of(endpoint.organizationId(), endpoint.id(), endpoint.url(),
        endpoint.events().toArray(String[]::new), endpoint.workspaceIds().toArray(UUID[]::new), endpoint.enabled())
        .addValue(Times.toDb(now))).map(rows -> rows.rowCount() > 0);
  }

  Future<Boolean> delete(UUID organizationId, UUID id) {
    return client.preparedQuery(DELETE_EVENTS).execute(Tuple.of(organizationId, id)).map(rows -> rows.rowCount() > 0);
  }

  /** The new secret signs from now on; the current one beside it until {@code previousUntil}. */
  Future<Boolean> rotate(UUID organizationId, UUID id, byte[] sealedSecret, Instant previousUntil, Instant now) {
    return client.preparedQuery(ROTATE).execute(Tuple.of(organizationId, id, sealedSecret, Times.toDb(previousUntil), Times.toDb(now)))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The enabled endpoints of {@code organizationIds}, and the endpoints {@code ids} (enabled or not), in one statement. */
  Future<List<Endpoint>> ofOrganizations(Collection<UUID> organizationIds, Collection<UUID> ids) {
    return client.preparedQuery(OF_ORGANIZATIONS).execute(Tuple.tuple()
        .addValue(organizationIds.toArray(UUID[]::new)).addValue(ids.toArray(UUID[]::new)))
        .map(rows -> {
          List<Endpoint> endpoints = new ArrayList<>();
          rows.forEach(row -> endpoints.add(Endpoint.of(row)));
          return endpoints;
        });
  }
}
