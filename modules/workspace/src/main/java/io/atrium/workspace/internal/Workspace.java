package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A workspace as the contract shows it. */
record Workspace(UUID id, UUID organizationId, String name, String currency, Instant createdAt) {

  Workspace renamed(String newName) {
    return new Workspace(id, organizationId, newName, currency, createdAt);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("organizationId", organizationId.toString())
        .put("name", name)
        .put("currency", currency)
        .put("createdAt", Times.text(createdAt));
  }
}
