package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A user's membership in an organization, seen from the organization. */
record Member(UUID userId, OrganizationRole role, Instant joinedAt) {

  /** As the contract shows it, with the email and name identity knows (null when it does not). */
  JsonObject toJson(UserLookups.User user) {
    return new JsonObject()
        .put("userId", userId.toString())
        .put("email", user == null ? null : user.email())
        .put("name", user == null ? null : user.name())
        .put("role", role.text())
        .put("joinedAt", Times.text(joinedAt));
  }
}
