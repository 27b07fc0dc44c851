package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlMembers implements Members {

  private static final String PUT = """
      INSERT INTO workspace.members (workspace_id, user_id, access_level, joined_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (workspace_id, user_id) DO UPDATE SET access_level = EXCLUDED.access_level""";
  private static final String REMOVE = "DELETE FROM workspace.members WHERE workspace_id = $1 AND user_id = $2 RETURNING user_id";
  private static final String REMOVE_ALL = "DELETE FROM workspace.members WHERE workspace_id = $1";
  private static final String INHERITED = """
      SELECT r.user_id, r.role FROM workspace.organization_roles r
        JOIN workspace.workspaces w ON w.organization_id = r.organization_id
       WHERE w.id = $1 AND r.role IN ('owner', 'admin')""";
  private static final String OWNERS = """
      SELECT count(*) FROM (
        SELECT user_id FROM workspace.members WHERE workspace_id = $1 AND access_level = 'owner'
        UNION
        SELECT user_id FROM (""" + INHERITED + ") i WHERE role = 'owner') owners";
  private static final String PAGE = """
      SELECT COALESCE(d.user_id, i.user_id) AS user_id, d.access_level, i.role
        FROM (SELECT user_id, access_level FROM workspace.members WHERE workspace_id = $1) d
        FULL JOIN (""" + INHERITED + """
      ) i ON i.user_id = d.user_id
       WHERE $2::uuid IS NULL OR COALESCE(d.user_id, i.user_id) > $2
       ORDER BY 1 LIMIT $3""";

  private final SqlClient client;

  SqlMembers(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> put(UUID workspaceId, UUID userId, AccessLevel level, Instant joinedAt) {
    return client.preparedQuery(PUT).execute(Tuple.of(workspaceId, userId, level.code(), Times.toDb(joinedAt))).mapEmpty();
  }

  @Override
  public Future<Boolean> remove(UUID workspaceId, UUID userId) {
    return client.preparedQuery(REMOVE).execute(Tuple.of(workspaceId, userId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> removeAll(UUID workspaceId) {
    return client.preparedQuery(REMOVE_ALL).execute(Tuple.of(workspaceId)).mapEmpty();
  }

  @Override
  public Future<Integer> owners(UUID workspaceId) {
    return client.preparedQuery(OWNERS).execute(Tuple.of(workspaceId)).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<List<Member>> page(UUID workspaceId, UUID after, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(workspaceId, after, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlMembers::member).toList());
  }

  private static Member member(Row row) {
    return new Member(row.getUUID("user_id"), WorkspaceAccess.of(row.getString("access_level"), row.getString("role")));
  }
}
