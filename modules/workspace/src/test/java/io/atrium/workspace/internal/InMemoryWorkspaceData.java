package io.atrium.workspace.internal;

import io.atrium.platform.testing.Savepoints;
import io.atrium.workspace.AccessLevel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The rows the access ports share, for rule tests: live workspaces, direct memberships and the replica of organization
 * roles, from which {@link #access} derives direct and inherited access as the one SQL statement does.
 */
final class InMemoryWorkspaceData {

  final Map<UUID, Workspace> workspaces = new HashMap<>();
  final Map<List<UUID>, AccessLevel> direct = new HashMap<>();
  final Map<List<UUID>, String> roles = new HashMap<>();

  Optional<Accessible> accessible(UUID userId, UUID workspaceId) {
    return Optional.ofNullable(workspaces.get(workspaceId)).map(workspace -> new Accessible(workspace, access(workspace, userId)));
  }

  WorkspaceAccess access(Workspace workspace, UUID userId) {
    AccessLevel level = direct.get(List.of(workspace.id(), userId));
    return WorkspaceAccess.of(level == null ? null : level.code(), roles.get(List.of(workspace.organizationId(), userId)));
  }

  /** Everyone with direct or inherited access to the workspace, by user id. */
  Set<UUID> usersOf(UUID workspaceId) {
    Workspace workspace = workspaces.get(workspaceId);
    Set<UUID> users = new TreeSet<>();
    direct.keySet().stream().filter(key -> key.get(0).equals(workspaceId)).forEach(key -> users.add(key.get(1)));
    roles.keySet().stream().filter(key -> workspace != null && key.get(0).equals(workspace.organizationId()))
        .filter(key -> access(workspace, key.get(1)).inherited() != null).forEach(key -> users.add(key.get(1)));
    return users;
  }

  /** The rows as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(workspaces, direct, roles);
  }
}
