package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

final class SqlCurrentWorkspaces implements CurrentWorkspaces {

  static final String HAS_ACCESS = "(m.user_id IS NOT NULL OR r.role IN ('owner', 'admin'))";
  static final String OF = "SELECT c.workspace_id, COALESCE(w.id IS NOT NULL AND " + HAS_ACCESS + ", false) AS accessible"
      + " FROM workspace.current_workspaces c"
      + " LEFT JOIN workspace.workspaces w ON w.id = c.workspace_id AND w.deleted_at IS NULL" + SqlWorkspaces.ACCESS_JOINS
      + " WHERE c.user_id = $1";
  private static final String SET = """
      INSERT INTO workspace.current_workspaces (user_id, workspace_id) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id""";
  private static final String CLEAR = "DELETE FROM workspace.current_workspaces WHERE user_id = $1 AND ($2::uuid IS NULL OR workspace_id = $2)";
  private static final String FORGET_INACCESSIBLE = "DELETE FROM workspace.current_workspaces c WHERE c.user_id = $1 AND NOT EXISTS ("
      + "SELECT 1 FROM workspace.workspaces w" + SqlWorkspaces.ACCESS_JOINS
      + " WHERE w.id = c.workspace_id AND w.deleted_at IS NULL AND " + HAS_ACCESS + ")";
  private static final String FORGET_WORKSPACE = "DELETE FROM workspace.current_workspaces WHERE workspace_id = $1";

  private final SqlClient client;

  SqlCurrentWorkspaces(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Optional<Current>> of(UUID userId) {
    return client.preparedQuery(OF).execute(Tuple.of(userId)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new Current(rows.iterator().next().getUUID("workspace_id"), rows.iterator().next().getBoolean("accessible"))));
  }

  @Override
  public Future<Void> set(UUID userId, UUID workspaceId) {
    return client.preparedQuery(SET).execute(Tuple.of(userId, workspaceId)).mapEmpty();
  }

  @Override
  public Future<Void> clear(UUID userId, UUID workspaceId) {
    return client.preparedQuery(CLEAR).execute(Tuple.of(userId, workspaceId)).mapEmpty();
  }

  @Override
  public Future<Void> forgetInaccessible(UUID userId) {
    return client.preparedQuery(FORGET_INACCESSIBLE).execute(Tuple.of(userId)).mapEmpty();
  }

  @Override
  public Future<Void> forgetWorkspace(UUID workspaceId) {
    return client.preparedQuery(FORGET_WORKSPACE).execute(Tuple.of(workspaceId)).mapEmpty();
  }
}
