package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlResources implements Resources {

  private static final String COLUMNS = "id, workspace_id, type, name, plan, hourly_price_micros, state, created_at";
  private static final String INSERT = "INSERT INTO workspace.resources (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String EVENT = "INSERT INTO workspace.resource_events (resource_id, workspace_id, state, at) VALUES ($1, $2, $3, $4)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM workspace.resources WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL";
  private static final String TRANSITION = "UPDATE workspace.resources SET state = $3 WHERE id = $1 AND state = $2 AND deleted_at IS NULL"
      + " RETURNING " + COLUMNS;
  private static final String DELETE = "UPDATE workspace.resources SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id";
  private static final String PAGE = "SELECT " + COLUMNS + " " + """
       FROM workspace.resources
       WHERE workspace_id = $1 AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4""";
  private static final String MOVE_ALL = """
      WITH moved AS (
        UPDATE workspace.resources SET state = $3 WHERE workspace_id = $1 AND state = $2 AND deleted_at IS NULL RETURNING *
      ), recorded AS (
        INSERT INTO workspace.resource_events (resource_id, workspace_id, state, at) SELECT id, workspace_id, $3, $4 FROM moved
      )
      SELECT\s""" + COLUMNS + " FROM moved";
  // Running at some moment of [from, to): running as of `from` (its last change at or before it), or started inside.
  private static final String RAN_IN = """
      SELECT r.id, r.workspace_id, w.organization_id, w.currency, r.plan, r.hourly_price_micros
        FROM workspace.resources r JOIN workspace.workspaces w ON w.id = r.workspace_id
       WHERE r.created_at < $2 AND (r.deleted_at IS NULL OR r.deleted_at > $1) AND ($3::uuid IS NULL OR r.id > $3)
         AND ((SELECT e.state FROM workspace.resource_events e WHERE e.resource_id = r.id AND e.at <= $1
                ORDER BY e.at DESC, e.seq DESC LIMIT 1) = 'running'
              OR EXISTS (SELECT 1 FROM workspace.resource_events e
                          WHERE e.resource_id = r.id AND e.at > $1 AND e.at < $2 AND e.state = 'running'))
       ORDER BY r.id LIMIT $4""";
  private static final String COUNT_LIVE = "SELECT count(*) FROM workspace.resources WHERE workspace_id = $1 AND deleted_at IS NULL";

  private final SqlClient client;

  SqlResources(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Resource r) {
    Tuple args = Tuple.of(r.id(), r.workspaceId(), r.type(), r.name(), r.plan(), r.hourlyPriceMicros(), r.state())
        .addOffsetDateTime(Times.toDb(r.createdAt()));
    return client.preparedQuery(INSERT).execute(args).compose(inserted -> event(r, r.state(), r.createdAt()));
  }

  @Override
  public Future<Optional<Resource>> byId(UUID workspaceId, UUID resourceId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(workspaceId, resourceId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(resource(rows.iterator().next())));
  }

  @Override
  public Future<Optional<Resource>> transition(Resource resource, String from, String to, Instant at) {
    return client.preparedQuery(TRANSITION).execute(Tuple.of(resource.id(), from, to)).compose(rows -> rows.size() == 0
        ? Future.succeededFuture(Optional.empty())
        : event(resource, to, at).map(Optional.of(resource(rows.iterator().next()))));
  }

  @Override
  public Future<Boolean> delete(Resource resource, Instant at) {
    return client.preparedQuery(DELETE).execute(Tuple.of(resource.id(), Times.toDb(at))).compose(rows -> rows.size() == 0
        ? Future.succeededFuture(false)
        : event(resource, Resource.DELETED, at).map(true));
  }

  @Override
  public Future<List<Resource>> page(UUID workspaceId, PageKey after, int limit) {
    Tuple args = Tuple.of(workspaceId, after == null ? null : Times.toDb(after.createdAt()), after == null ? null : after.id(), limit);
    return client.preparedQuery(PAGE).execute(args)
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlResources::resource).toList());
  }

  @Override
  public Future<Integer> countLive(UUID workspaceId) {
    return client.preparedQuery(COUNT_LIVE).execute(Tuple.of(workspaceId)).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<List<Resource>> moveAll(UUID workspaceId, String from, String to, Instant at) {
    return client.preparedQuery(MOVE_ALL).execute(Tuple.of(workspaceId, from, to, Times.toDb(at)))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlResources::resource).toList());
  }

  @Override
  public Future<List<Ran>> ranIn(Instant from, Instant to, UUID after, int limit) {
    return client.preparedQuery(RAN_IN).execute(Tuple.of(Times.toDb(from), Times.toDb(to), after, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> new Ran(row.getUUID("id"), row.getUUID("workspace_id"),
            row.getUUID("organization_id"), row.getString("currency"), row.getString("plan"), row.getLong("hourly_price_micros"))).toList());
  }

  private Future<Void> event(Resource resource, String state, Instant at) {
    return client.preparedQuery(EVENT).execute(Tuple.of(resource.id(), resource.workspaceId(), state, Times.toDb(at))).mapEmpty();
  }

  private static Resource resource(Row row) {
    return new Resource(row.getUUID("id"), row.getUUID("workspace_id"), row.getString("type"), row.getString("name"),
        row.getString("plan"), row.getLong("hourly_price_micros"), row.getString("state"), Times.fromDb(row, "created_at"));
  }
}
