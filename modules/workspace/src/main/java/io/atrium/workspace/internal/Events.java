package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceEvents;
import io.atrium.platform.Times;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Publishes {@link WorkspaceEvents}; callers publish only after their transaction committed. */
final class Events {

  private final Vertx vertx;

  Events(Vertx vertx) {
    this.vertx = vertx;
  }

  void created(Workspace workspace, UUID createdBy) {
    publish(WorkspaceEvents.CREATED, new JsonObject()
        .put("workspaceId", workspace.id().toString())
        .put("organizationId", workspace.organizationId().toString())
        .put("name", workspace.name())
        .put("currency", workspace.currency())
        .put("createdBy", createdBy.toString()));
  }

  void deleted(Workspace workspace) {
    publish(WorkspaceEvents.DELETED, new JsonObject()
        .put("workspaceId", workspace.id().toString())
        .put("organizationId", workspace.organizationId().toString()));
  }

  /** A direct membership changed; {@code level} null when it ended. */
  void membershipChanged(UUID workspaceId, UUID userId, AccessLevel level, AccessLevel previous) {
    publish(WorkspaceEvents.MEMBERSHIP_CHANGED, new JsonObject()
        .put("workspaceId", workspaceId.toString())
        .put("userId", userId.toString())
        .put("accessLevel", level == null ? null : level.code())
        .put("previousAccessLevel", previous == null ? null : previous.code()));
  }

  void resourceChanged(Resource resource, String state, Instant at) {
    publish(WorkspaceEvents.RESOURCE_CHANGED, new JsonObject()
        .put("workspaceId", resource.workspaceId().toString())
        .put("resourceId", resource.id().toString())
        .put("plan", resource.plan())
        .put("state", state)
        .put("at", Times.text(at)));
  }

  private void publish(String address, JsonObject body) {
    vertx.eventBus().publish(address, body);
  }
}
