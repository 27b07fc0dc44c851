package io.atrium.workspace.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A resource that consumes credits while it runs. */
record Resource(UUID id, UUID workspaceId, String type, String name, String plan, long hourlyPriceMicros,
                String state, Instant createdAt) {

  static final String RUNNING = "running";
  static final String STOPPED = "stopped";
  static final String SUSPENDED = "suspended";
  static final String DELETED = "deleted";

  Resource inState(String newState) {
    return new Resource(id, workspaceId, type, name, plan, hourlyPriceMicros, newState, createdAt);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("workspaceId", workspaceId.toString())
        .put("type", type)
        .put("name", name)
        .put("plan", plan)
        .put("state", state)
        .put("hourlyPrice", Money.format(hourlyPriceMicros, 4))
        .put("createdAt", Times.text(createdAt));
  }
}
