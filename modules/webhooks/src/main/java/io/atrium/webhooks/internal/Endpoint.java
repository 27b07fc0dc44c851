package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An organization's webhook endpoint, without its secrets. */
record Endpoint(UUID id, UUID organizationId, String url, List<String> events, List<UUID> workspaceIds, boolean enabled, Instant createdAt) {

  static final String COLUMNS = "id, organization_id, url, events, workspace_ids, enabled, created_at";

  static Endpoint of(Row row) {
    return new Endpoint(row.getUUID("id"), row.getUUID("organization_id"), row.getString("url"),
        Arrays.asList(row.getArrayOfStrings("events")), Arrays.asList(row.getArrayOfUUIDs("workspace_ids")),
        row.getBoolean("enabled"), Times.fromDb(row, "created_at"));
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("url", url).put("events", new JsonArray(events))
        .put("workspaceIds", new JsonArray(workspaceIds.stream().map(UUID::toString).toList()))
        .put("enabled", enabled).put("createdAt", Times.text(createdAt));
  }
}
