package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link Members} over {@link InMemoryWorkspaceData}, for rule tests. */
final class InMemoryMembers implements Members {

  private final InMemoryWorkspaceData data;

  InMemoryMembers(InMemoryWorkspaceData data) {
    this.data = data;
  }

  @Override
  public Future<Void> put(UUID workspaceId, UUID userId, AccessLevel level, Instant joinedAt) {
    data.direct.put(List.of(workspaceId, userId), level);
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> remove(UUID workspaceId, UUID userId) {
    return Future.succeededFuture(data.direct.remove(List.of(workspaceId, userId)) != null);
  }

  @Override
  public Future<Void> removeAll(UUID workspaceId) {
    data.direct.keySet().removeIf(key -> key.get(0).equals(workspaceId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> owners(UUID workspaceId) {
    return page(workspaceId, null, Integer.MAX_VALUE)
        .map(members -> (int) members.stream().filter(m -> m.access().effective() == AccessLevel.OWNER).count());
  }

  @Override
  public Future<List<Member>> page(UUID workspaceId, UUID after, int limit) {
    Workspace workspace = data.workspaces.get(workspaceId);
    return Future.succeededFuture(data.usersOf(workspaceId).stream().filter(id -> after == null || id.compareTo(after) > 0)
        .limit(limit).map(id -> new Member(id, data.access(workspace, id))).toList());
  }
}
