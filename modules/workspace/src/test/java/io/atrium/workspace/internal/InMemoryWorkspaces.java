package io.atrium.workspace.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Workspaces} over {@link InMemoryWorkspaceData}, for rule tests. */
final class InMemoryWorkspaces implements Workspaces {

  private static final Comparator<Accessible> BY_NAME =
      Comparator.comparing((Accessible a) -> a.workspace().name()).thenComparing(a -> a.workspace().id());

  private final InMemoryWorkspaceData data;

  InMemoryWorkspaces(InMemoryWorkspaceData data) {
    this.data = data;
  }

  @Override
  public Future<Optional<Accessible>> accessible(UUID userId, UUID workspaceId) {
    return Future.succeededFuture(data.accessible(userId, workspaceId));
  }

  @Override
  public Future<List<Accessible>> accessibleTo(UUID userId, UUID organizationId, PageKey after, int limit) {
    return Future.succeededFuture(data.workspaces.values().stream()
        .filter(w -> organizationId == null || w.organizationId().equals(organizationId))
        .map(w -> new Accessible(w, data.access(w, userId))).filter(a -> a.access().any())
        .filter(a -> after == null || BY_NAME.compare(a, new Accessible(new Workspace(after.id(), null, after.name(), null, null), null)) > 0)
        .sorted(BY_NAME).limit(limit).toList());
  }

  @Override
  public Future<WithCurrent> accessibleWithCurrent(UUID userId, int limit) {
    return accessibleTo(userId, null, null, limit).map(found -> new WithCurrent(found, Optional.empty()));
  }

  @Override
  public Future<Void> insert(Workspace workspace, UUID createdBy) {
    data.workspaces.put(workspace.id(), workspace);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> rename(UUID workspaceId, String name) {
    data.workspaces.computeIfPresent(workspaceId, (id, w) -> w.renamed(name));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> lock(UUID workspaceId) {
    return Future.succeededFuture(data.workspaces.containsKey(workspaceId));
  }

  @Override
  public Future<Void> markDeleted(UUID workspaceId, Instant at) {
    data.workspaces.remove(workspaceId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> countInOrganization(UUID organizationId) {
    return Future.succeededFuture((int) data.workspaces.values().stream().filter(w -> w.organizationId().equals(organizationId)).count());
  }

  @Override
  public Future<Optional<Workspace>> byId(UUID workspaceId) {
    return Future.succeededFuture(Optional.ofNullable(data.workspaces.get(workspaceId)));
  }
}
