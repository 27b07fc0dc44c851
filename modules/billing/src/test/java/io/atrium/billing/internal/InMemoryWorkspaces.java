package io.atrium.billing.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The workspace context as billing asks it, for rule tests: workspaces and access levels the test adds. */
final class InMemoryWorkspaces implements BillableWorkspaces {

  private final Map<UUID, JsonObject> workspaces = new HashMap<>();
  private final Map<String, AccessLevel> levels = new HashMap<>();

  UUID add(String currency) {
    UUID id = UUID.randomUUID();
    workspaces.put(id, new JsonObject().put("id", id.toString()).put("organizationId", UUID.randomUUID().toString())
        .put("name", "Workspace").put("currency", currency).put("createdAt", Times.text(Instant.EPOCH)));
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
  public Future<JsonObject> describe(UUID workspaceId) {
    JsonObject found = workspaces.get(workspaceId);
    return found != null ? Future.succeededFuture(found.copy()) : Future.failedFuture(Rejection.notFound("workspace").failure());
  }

  @Override
  public Future<JsonArray> ranIn(Instant from, Instant to, String afterResourceId, int limit) {
    return Future.succeededFuture(new JsonArray());
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
  public Future<JsonArray> adminsOf(UUID workspaceId) {
    return Future.succeededFuture(new JsonArray());
  }
}
