package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organization's webhook endpoint, without its secrets. */
record Endpoint(UUID id, UUID organizationId, String url, List<String> events, List<UUID> workspaceIds, boolean enabled, Instant createdAt) {

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("url", url).put("events", new JsonArray(events))
        .put("workspaceIds", new JsonArray(workspaceIds.stream().map(UUID::toString).toList()))
        .put("enabled", enabled).put("createdAt", Times.text(createdAt));
  }
}
