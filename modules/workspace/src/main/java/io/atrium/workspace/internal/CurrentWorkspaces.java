package io.atrium.workspace.internal;

import io.vertx.core.Future;

import java.util.Optional;
import java.util.UUID;

/** Port: the workspace each user last chose. */
interface CurrentWorkspaces {

  /** The chosen workspace and whether the user can still access it (one statement). */
  record Current(UUID workspaceId, boolean accessible) {}

  Future<Optional<Current>> of(UUID userId);

  Future<Void> set(UUID userId, UUID workspaceId);

  /** Clears the user's choice (only while it is still {@code workspaceId}, when given). */
  Future<Void> clear(UUID userId, UUID workspaceId);

  /** Clears the user's choice when it names a workspace the user can no longer access. */
  Future<Void> forgetInaccessible(UUID userId);

  /** Clears every choice of this workspace. */
  Future<Void> forgetWorkspace(UUID workspaceId);
}
