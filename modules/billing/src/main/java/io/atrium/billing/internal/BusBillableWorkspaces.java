package io.atrium.billing.internal;

import io.atrium.platform.BusClient;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

final class BusBillableWorkspaces extends BusClient implements BillableWorkspaces {

  BusBillableWorkspaces(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<AccessLevel> accessOf(UUID userId, UUID workspaceId) {
    return contract(WorkspaceDirectory.class).workspaceFor(userId, workspaceId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get().accessLevel()) : Future.failedFuture(Rejection.notFound("workspace").failure()));
  }

  @Override
  public Future<JsonObject> describe(UUID workspaceId) {
    return ask(WorkspaceAddresses.DESCRIBE, workspace(workspaceId));
  }

  @Override
  public Future<JsonArray> ranIn(Instant from, Instant to, String afterResourceId, int limit) {
    JsonObject request = new JsonObject().put("from", Times.text(from)).put("to", Times.text(to)).put("limit", limit)
        .put("afterResourceId", afterResourceId);
    return ask(WorkspaceAddresses.RESOURCES_RUN_IN, request).map(reply -> reply.getJsonArray("items"));
  }

  @Override
  public Future<Void> suspendResources(UUID workspaceId) {
    return ask(WorkspaceAddresses.SUSPEND_RESOURCES, workspace(workspaceId)).mapEmpty();
  }

  @Override
  public Future<Void> resumeResources(UUID workspaceId) {
    return ask(WorkspaceAddresses.RESUME_RESOURCES, workspace(workspaceId)).mapEmpty();
  }

  @Override
  public Future<JsonArray> adminsOf(UUID workspaceId) {
    return ask(WorkspaceAddresses.ADMINS_OF, workspace(workspaceId)).map(reply -> reply.getJsonArray("items"));
  }

  private static JsonObject workspace(UUID workspaceId) {
    return new JsonObject().put("workspaceId", workspaceId.toString());
  }
}
