package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
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
  private static final String SUBSCRIBED = "SELECT id FROM webhooks.endpoints WHERE organization_id = $1 AND enabled"
      + " AND $2 = ANY (events) AND ($3::uuid IS NULL OR cardinality(workspace_ids) = 0 OR $3 = ANY (workspace_ids))";

  private final SqlClient client;

  Endpoints(SqlClient client) {
    this.client = client;
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

  Future<Void> update(Endpoint endpoint, Instant now) {
    return client.preparedQuery(UPDATE).execute(Tuple.of(endpoint.organizationId(), endpoint.id(), endpoint.url(),
        endpoint.events().toArray(String[]::new), endpoint.workspaceIds().toArray(UUID[]::new), endpoint.enabled())
        .addValue(Times.toDb(now))).mapEmpty();
  }

  Future<Boolean> delete(UUID organizationId, UUID id) {
    return client.preparedQuery(DELETE_EVENTS).execute(Tuple.of(organizationId, id)).map(rows -> rows.rowCount() > 0);
  }

  /** The new secret signs from now on; the current one beside it until {@code previousUntil}. */
  Future<Boolean> rotate(UUID organizationId, UUID id, byte[] sealedSecret, Instant previousUntil, Instant now) {
    return client.preparedQuery(ROTATE).execute(Tuple.of(organizationId, id, sealedSecret, Times.toDb(previousUntil), Times.toDb(now)))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The enabled endpoints of the organization that take this event (no workspace: every subscribed endpoint). */
  Future<List<UUID>> subscribed(UUID organizationId, String type, UUID workspaceId) {
    return client.preparedQuery(SUBSCRIBED).execute(Tuple.of(organizationId, type, workspaceId)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      for (Row row : rows) {
        ids.add(row.getUUID("id"));
      }
      return ids;
    });
  }
}
