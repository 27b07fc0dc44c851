package io.atrium.workspace.internal;

import io.atrium.platform.Invalidations;
import io.atrium.platform.NotifiedCache;
import io.atrium.workspace.WorkspaceDirectory;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link WorkspaceDirectory} with each user's workspaces and current workspace ({@code GET /me}) cached per process.
 * Triggers notify {@code workspaces-of:<user id>} whenever a row those lists read changes (changelog.yaml): a direct
 * membership, an organization role of the replica, a workspace, a current choice. One workspace's access is not cached.
 */
final class CachedWorkspaceDirectory implements WorkspaceDirectory {

  static final String TOPIC = "workspaces-of";
  /** As the token cache's: the bound should a notification ever be lost. */
  static final Duration TTL = Duration.ofSeconds(30);
  /** Fewer users than the token cache's: a list of 200 workspaces takes some 60 KiB of a heap of 84 MiB. */
  static final int MAX_ENTRIES = 1_000;

  private record Key(UUID userId, int limit) {}

  private record Listed(UUID userId, UserWorkspaces workspaces) {}

  private final WorkspaceDirectory directory;
  private final NotifiedCache<Key, Listed> lists;

  CachedWorkspaceDirectory(WorkspaceDirectory directory, Clock clock, Invalidations invalidations) {
    this.directory = directory;
    this.lists = new NotifiedCache<>(invalidations, MAX_ENTRIES, TTL, clock, Listed::userId);
    // An id that is no UUID throws, and Invalidations then empties every cache.
    invalidations.on(TOPIC, userId -> lists.evictGroup(UUID.fromString(userId)));
  }

  @Override
  public Future<Optional<VisibleWorkspace>> workspaceFor(UUID userId, UUID workspaceId) {
    return directory.workspaceFor(userId, workspaceId);
  }

  @Override
  public Future<UserWorkspaces> workspacesOf(UUID userId, int limit) {
    return lists.get(new Key(userId, limit), () -> directory.workspacesOf(userId, limit).map(found -> new Listed(userId, found)),
        listed -> null).map(Listed::workspaces);
  }
}
