package io.atrium.billing.internal;

import io.atrium.platform.BusClient;
import io.atrium.platform.Rejection;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceDirectory;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class BusBillableWorkspaces extends BusClient implements BillableWorkspaces {

  private final WorkspaceFacts facts;

  BusBillableWorkspaces(Vertx vertx) {
    super(vertx);
    this.facts = new WorkspaceFacts(vertx);
  }

  @Override
  public Future<AccessLevel> accessOf(UUID userId, UUID workspaceId) {
    return contract(WorkspaceDirectory.class).workspaceFor(userId, workspaceId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get().accessLevel()) : Future.failedFuture(Rejection.notFound("workspace").failure()));
  }

  @Override
  public Future<WorkspaceFacts.Summary> describe(UUID workspaceId) {
    return facts.describe(workspaceId);
  }

  @Override
  public Future<List<WorkspaceFacts.ResourceRun>> ranIn(Instant from, Instant to, UUID afterResourceId, int limit) {
    return facts.ranIn(from, to, afterResourceId, limit);
  }

  @Override
  public Future<Void> suspendResources(UUID workspaceId) {
    return facts.suspendResources(workspaceId);
  }

  @Override
  public Future<Void> resumeResources(UUID workspaceId) {
    return facts.resumeResources(workspaceId);
  }

  @Override
  public Future<List<WorkspaceFacts.Admin>> adminsOf(UUID workspaceId) {
    return facts.adminsOf(workspaceId);
  }
}
