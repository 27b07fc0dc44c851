package io.atrium.workspace.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link CurrentWorkspaces} in memory, for rule tests. */
final class InMemoryCurrentWorkspaces implements CurrentWorkspaces {

  private final InMemoryWorkspaceData data;
  private final Map<UUID, UUID> chosen = new HashMap<>();

  InMemoryCurrentWorkspaces(InMemoryWorkspaceData data) {
    this.data = data;
  }

  @Override
  public Future<Optional<Current>> of(UUID userId) {
    return Future.succeededFuture(Optional.ofNullable(chosen.get(userId)).map(workspaceId -> new Current(workspaceId, accessible(userId, workspaceId))));
  }

  @Override
  public Future<Void> set(UUID userId, UUID workspaceId) {
    chosen.put(userId, workspaceId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> clear(UUID userId, UUID workspaceId) {
    chosen.computeIfPresent(userId, (user, current) -> workspaceId == null || current.equals(workspaceId) ? null : current);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> forgetInaccessible(UUID userId) {
    chosen.computeIfPresent(userId, (user, current) -> accessible(user, current) ? current : null);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> forgetWorkspace(UUID workspaceId) {
    chosen.values().removeIf(workspaceId::equals);
    return Future.succeededFuture();
  }

  private boolean accessible(UUID userId, UUID workspaceId) {
    return data.accessible(userId, workspaceId).map(found -> found.access().any()).orElse(false);
  }

  /** The rows as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(chosen);
  }
}
