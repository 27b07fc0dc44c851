package io.atrium.organization.internal;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** A user's place in an organization, seen from the user. */
record Membership(UUID organizationId, String organizationName, String role) {

  static final String OWNER = "owner";

  JsonObject toJson() {
    return new JsonObject().put("id", organizationId.toString()).put("name", organizationName).put("role", role);
  }
}
