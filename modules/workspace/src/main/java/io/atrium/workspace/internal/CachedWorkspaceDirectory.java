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
 * {@link WorkspaceDirectory} with each user's workspaces and current workspace ({@code GET /me}), and each user's view
 * of one workspace (the access check of {@code GET /workspaces/{id}} and of billing's routes, usage ingest among them),
 * cached per process. Triggers notify {@code workspaces-of:<user id>} whenever a row these read changes
 * (changelog.yaml): a direct membership, an organization role of the replica, a workspace, a current choice; each
 * evicts every entry of that user. A workspace renamed or deleted also sends {@code workspace-changed:<id>}, which
 * empties both caches: the first notice's audience is read while the deletion commits, and could miss a role given
 * meanwhile. "No access" is never kept, so ids made up by a caller cannot fill the cache.
 */
final class CachedWorkspaceDirectory implements WorkspaceDirectory {

  static final String TOPIC = "workspaces-of";
  static final String WORKSPACE_CHANGED = "workspace-changed";
  /** As the token cache's: the bound should a notification ever be lost. */
  static final Duration TTL = Duration.ofSeconds(30);
  /** Fewer users than the token cache's: a list of 200 workspaces takes some 60 KiB of a heap of 84 MiB. */
  static final int MAX_ENTRIES = 1_000;
  /** (user, workspace) pairs, as many as the token cache's callers: some 500 bytes each, about 10 MiB when full. */
  static final int MAX_ACCESS_ENTRIES = 20_000;

  private record Key(UUID userId, int limit) {}

  private record Listed(UUID userId, UserWorkspaces workspaces) {}

  private record AccessKey(UUID userId, UUID workspaceId) {}

  private record Seen(UUID userId, VisibleWorkspace workspace) {}

  private final WorkspaceDirectory directory;
  private final NotifiedCache<Key, Listed> lists;
  private final NotifiedCache<AccessKey, Seen> seen;

  CachedWorkspaceDirectory(WorkspaceDirectory directory, Clock clock, Invalidations invalidations) {
    this.directory = directory;
    this.lists = new NotifiedCache<>(invalidations, MAX_ENTRIES, TTL, clock, Listed::userId);
    this.seen = new NotifiedCache<>(invalidations, MAX_ACCESS_ENTRIES, TTL, clock, Seen::userId);
    // An id that is no UUID throws, and Invalidations then empties every cache.
    invalidations.on(TOPIC, userId -> {
      UUID user = UUID.fromString(userId);
      lists.evictGroup(user);
      seen.evictGroup(user);
    });
    // Rare (a rename or a deletion): dropping every view is cheaper than tracking who might have one.
    invalidations.on(WORKSPACE_CHANGED, workspaceId -> {
      lists.clear();
      seen.clear();
    });
  }

  @Override
  public Future<Optional<VisibleWorkspace>> workspaceFor(UUID userId, UUID workspaceId) {
    // A load's null (no access, no such workspace) is answered but not kept.
    return seen.get(new AccessKey(userId, workspaceId),
        () -> directory.workspaceFor(userId, workspaceId).map(found -> found.map(workspace -> new Seen(userId, workspace)).orElse(null)),
        kept -> null).map(kept -> Optional.ofNullable(kept).map(Seen::workspace));
  }

  @Override
  public Future<UserWorkspaces> workspacesOf(UUID userId, int limit) {
    return lists.get(new Key(userId, limit), () -> directory.workspacesOf(userId, limit).map(found -> new Listed(userId, found)),
        listed -> null).map(Listed::workspaces);
  }
}
