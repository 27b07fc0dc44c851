package io.atrium.workspace.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Resources} in memory, for rule tests: the current state of each resource, without its history. */
final class InMemoryResources implements Resources {

  private static final Comparator<Resource> OLDEST_FIRST = Comparator.comparing(Resource::createdAt).thenComparing(Resource::id);

  private final Map<UUID, Resource> resources = new LinkedHashMap<>();

  @Override
  public Future<Void> insert(Resource resource) {
    resources.put(resource.id(), resource);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Resource>> byId(UUID workspaceId, UUID resourceId) {
    return Future.succeededFuture(live(workspaceId).filter(r -> r.id().equals(resourceId)).findFirst());
  }

  @Override
  public Future<Optional<Resource>> transition(Resource resource, String from, String to, Instant at) {
    Resource stored = resources.get(resource.id());
    if (stored == null || !stored.state().equals(from)) {
      return Future.succeededFuture(Optional.empty());
    }
    resources.put(stored.id(), stored.inState(to));
    return Future.succeededFuture(Optional.of(stored.inState(to)));
  }

  @Override
  public Future<Boolean> delete(Resource resource, Instant at) {
    Resource stored = resources.get(resource.id());
    boolean live = stored != null && !Resource.DELETED.equals(stored.state());
    if (live) {
      resources.put(stored.id(), stored.inState(Resource.DELETED));
    }
    return Future.succeededFuture(live);
  }

  @Override
  public Future<List<Resource>> page(UUID workspaceId, PageKey after, int limit) {
    return Future.succeededFuture(live(workspaceId)
        .filter(r -> after == null || OLDEST_FIRST.compare(r, new Resource(after.id(), null, null, null, null, 0, null, after.createdAt())) > 0)
        .sorted(OLDEST_FIRST).limit(limit).toList());
  }

  @Override
  public Future<Integer> countLive(UUID workspaceId) {
    return Future.succeededFuture((int) live(workspaceId).count());
  }

  @Override
  public Future<List<Resource>> moveAll(UUID workspaceId, String from, String to, Instant at) {
    List<Resource> moved = live(workspaceId).filter(r -> r.state().equals(from)).map(r -> r.inState(to)).toList();
    moved.forEach(r -> resources.put(r.id(), r));
    return Future.succeededFuture(moved);
  }

  @Override
  public Future<List<Ran>> ranIn(Instant from, Instant to, UUID after, int limit) {
    throw new UnsupportedOperationException("which resources ran in an hour needs their history: tested against PostgreSQL");
  }

  List<Resource> all() {
    return List.copyOf(resources.values());
  }

  private java.util.stream.Stream<Resource> live(UUID workspaceId) {
    return resources.values().stream().filter(r -> r.workspaceId().equals(workspaceId) && !Resource.DELETED.equals(r.state()));
  }

  /** The rows as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(resources);
  }
}
