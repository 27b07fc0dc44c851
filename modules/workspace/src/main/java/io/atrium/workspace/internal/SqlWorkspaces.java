package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlWorkspaces implements Workspaces {

  /** The user ($1)'s direct level and organization role beside each workspace row: access in the same statement. */
  static final String ACCESS_JOINS =
      " LEFT JOIN workspace.members m ON m.workspace_id = w.id AND m.user_id = $1"
      + " LEFT JOIN workspace.organization_roles r ON r.organization_id = w.organization_id AND r.user_id = $1 ";
  private static final String COLUMNS =
      "SELECT w.id, w.organization_id, w.name, w.currency, w.created_at, m.access_level, r.role FROM workspace.workspaces w";
  private static final String ACCESSIBLE = COLUMNS + ACCESS_JOINS + " WHERE w.id = $2 AND w.deleted_at IS NULL";
  private static final String ACCESSIBLE_TO = COLUMNS + ACCESS_JOINS + """
       WHERE w.deleted_at IS NULL AND (m.user_id IS NOT NULL OR r.role IN ('owner', 'admin'))
         AND ($2::uuid IS NULL OR w.organization_id = $2)
         AND ($3::text IS NULL OR (w.name, w.id) > ($3, $4::uuid))
       ORDER BY w.name, w.id LIMIT $5""";
  private static final String WITH_CURRENT = "WITH listed AS (" + COLUMNS + ACCESS_JOINS
      + " WHERE w.deleted_at IS NULL AND " + SqlCurrentWorkspaces.HAS_ACCESS + " ORDER BY w.name, w.id LIMIT $2),"
      + " chosen AS (" + SqlCurrentWorkspaces.OF + ")"
      + " SELECT l.*, chosen.workspace_id AS current_id, chosen.accessible AS current_accessible"
      + " FROM (SELECT 1) one LEFT JOIN listed l ON true LEFT JOIN chosen ON true ORDER BY l.name, l.id";
  private static final String INSERT = """
      INSERT INTO workspace.workspaces (id, organization_id, name, currency, created_by, created_at)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String RENAME = "UPDATE workspace.workspaces SET name = $2 WHERE id = $1";
  private static final String LOCK = "SELECT id FROM workspace.workspaces WHERE id = $1 AND deleted_at IS NULL FOR UPDATE";
  private static final String MARK_DELETED = "UPDATE workspace.workspaces SET deleted_at = $2 WHERE id = $1";
  private static final String BY_ID =
      "SELECT id, organization_id, name, currency, created_at FROM workspace.workspaces WHERE id = $1 AND deleted_at IS NULL";
  private static final String COUNT = "SELECT count(*) FROM workspace.workspaces WHERE organization_id = $1 AND deleted_at IS NULL";

  private final SqlClient client;

  SqlWorkspaces(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Optional<Accessible>> accessible(UUID userId, UUID workspaceId) {
    return client.preparedQuery(ACCESSIBLE).execute(Tuple.of(userId, workspaceId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(accessible(rows.iterator().next())));
  }

  @Override
  public Future<List<Accessible>> accessibleTo(UUID userId, UUID organizationId, PageKey after, int limit) {
    Tuple args = Tuple.of(userId, organizationId, after == null ? null : after.name(), after == null ? null : after.id(), limit);
    return client.preparedQuery(ACCESSIBLE_TO).execute(args)
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlWorkspaces::accessible).toList());
  }

  @Override
  public Future<WithCurrent> accessibleWithCurrent(UUID userId, int limit) {
    return client.preparedQuery(WITH_CURRENT).execute(Tuple.of(userId, limit)).map(rows -> {
      List<Accessible> listed = new ArrayList<>(rows.size());
      Optional<CurrentWorkspaces.Current> current = Optional.empty();
      for (Row row : rows) {
        if (row.getUUID("id") != null) {
          listed.add(accessible(row));
        }
        if (row.getUUID("current_id") != null) {
          current = Optional.of(new CurrentWorkspaces.Current(row.getUUID("current_id"), row.getBoolean("current_accessible")));
        }
      }
      return new WithCurrent(listed, current);
    });
  }

  @Override
  public Future<Void> insert(Workspace workspace, UUID createdBy) {
    return client.preparedQuery(INSERT).execute(Tuple.of(workspace.id(), workspace.organizationId(), workspace.name(),
        workspace.currency(), createdBy, Times.toDb(workspace.createdAt()))).mapEmpty();
  }

  @Override
  public Future<Void> rename(UUID workspaceId, String name) {
    return client.preparedQuery(RENAME).execute(Tuple.of(workspaceId, name)).mapEmpty();
  }

  @Override
  public Future<Boolean> lock(UUID workspaceId) {
    return client.preparedQuery(LOCK).execute(Tuple.of(workspaceId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> markDeleted(UUID workspaceId, Instant at) {
    return client.preparedQuery(MARK_DELETED).execute(Tuple.of(workspaceId, Times.toDb(at))).mapEmpty();
  }

  @Override
  public Future<Integer> countInOrganization(UUID organizationId) {
    return client.preparedQuery(COUNT).execute(Tuple.of(organizationId)).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<Optional<Workspace>> byId(UUID workspaceId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(workspaceId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(workspace(rows.iterator().next())));
  }

  private static Accessible accessible(Row row) {
    return new Accessible(workspace(row), WorkspaceAccess.of(row.getString("access_level"), row.getString("role")));
  }

  private static Workspace workspace(Row row) {
    return new Workspace(row.getUUID("id"), row.getUUID("organization_id"), row.getString("name"),
        row.getString("currency"), Times.fromDb(row, "created_at"));
  }
}
