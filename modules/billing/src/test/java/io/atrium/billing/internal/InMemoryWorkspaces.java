package io.atrium.billing.internal;

import io.atrium.platform.Rejection;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The workspace context as billing asks it, for rule tests: workspaces and access levels the test adds. */
final class InMemoryWorkspaces implements BillableWorkspaces {

  private final Map<UUID, WorkspaceFacts.Summary> workspaces = new HashMap<>();
  private final Map<String, AccessLevel> levels = new HashMap<>();

  UUID add(String currency) {
    UUID id = UUID.randomUUID();
    workspaces.put(id, new WorkspaceFacts.Summary(id, UUID.randomUUID(), "Workspace", currency));
    return id;
  }

  void grant(UUID userId, UUID workspaceId, AccessLevel level) {
    levels.put(userId + "/" + workspaceId, level);
  }

  @Override
  public Future<AccessLevel> accessOf(UUID userId, UUID workspaceId) {
    AccessLevel level = workspaces.containsKey(workspaceId) ? levels.get(userId + "/" + workspaceId) : null;
    return level != null ? Future.succeededFuture(level) : Future.failedFuture(Rejection.notFound("workspace").failure());
  }

  @Override
  public Future<WorkspaceFacts.Summary> describe(UUID workspaceId) {
    WorkspaceFacts.Summary found = workspaces.get(workspaceId);
    return found != null ? Future.succeededFuture(found) : Future.failedFuture(Rejection.notFound("workspace").failure());
  }

  @Override
  public Future<List<WorkspaceFacts.ResourceRun>> ranIn(Instant from, Instant to, UUID afterResourceId, int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> suspendResources(UUID workspaceId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> resumeResources(UUID workspaceId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<List<WorkspaceFacts.Admin>> adminsOf(UUID workspaceId) {
    return Future.succeededFuture(List.of());
  }
}
