package io.atrium.workspace;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The workspace context's typed reads for the rest of the process, called directly (no event bus): get it with
 * {@code Contracts.of(vertx, WorkspaceDirectory.class)}. Each answer is one SQL statement that checks the access
 * and reads together, or none: an API process caches both per user, kept true by {@code LISTEN/NOTIFY}.
 */
public interface WorkspaceDirectory {

  /** The workspace as {@code userId} sees it, or empty when it does not exist or they cannot access it. */
  Future<Optional<VisibleWorkspace>> workspaceFor(UUID userId, UUID workspaceId);

  /** The first {@code limit} workspaces {@code userId} can access (by name, then id) and their current workspace. */
  Future<UserWorkspaces> workspacesOf(UUID userId, int limit);

  /**
   * A workspace with one user's access to it: {@code accessLevel} is owner, admin, member, billing or viewer, the higher of
   * the direct and the inherited one; {@code inherited} is true when the inherited one is strictly higher.
   */
  record VisibleWorkspace(UUID id, UUID organizationId, String name, String currency, Instant createdAt,
                          AccessLevel accessLevel, boolean inherited) {}

  /** Workspaces a user can access, and the one they work in (empty when none or no longer accessible). */
  record UserWorkspaces(List<VisibleWorkspace> workspaces, Optional<UUID> currentWorkspaceId) {}
}
