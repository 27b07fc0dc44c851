package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** An organization: the tenant that owns workspaces and members. */
record Organization(UUID id, String name, Instant createdAt) {

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("name", name).put("createdAt", Times.text(createdAt));
  }

  /** An organization as one of its members sees it: with their role. */
  record Seen(Organization organization, OrganizationRole role) {

    JsonObject toJson() {
      return organization.toJson().put("role", role.text());
    }

    UUID id() {
      return organization.id();
    }
  }
}
