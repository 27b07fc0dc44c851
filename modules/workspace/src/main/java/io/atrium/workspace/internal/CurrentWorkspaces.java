package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Optional;
import java.util.UUID;

/** Port: the workspace each user last chose. */
interface CurrentWorkspaces {

  /** The chosen workspace and whether the user can still access it (one statement). */
  record Current(UUID workspaceId, boolean accessible) {}

  Future<Optional<Current>> of(SqlClient db, UUID userId);

  Future<Void> set(SqlClient db, UUID userId, UUID workspaceId);

  /** Clears the user's choice (only while it is still {@code workspaceId}, when given). */
  Future<Void> clear(SqlClient db, UUID userId, UUID workspaceId);

  /** Clears the user's choice when it names a workspace the user can no longer access. */
  Future<Void> forgetInaccessible(SqlClient db, UUID userId);

  /** Clears every choice of this workspace. */
  Future<Void> forgetWorkspace(SqlClient db, UUID workspaceId);
}
