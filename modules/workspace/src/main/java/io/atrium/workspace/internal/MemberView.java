package io.atrium.workspace.internal;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** A member as lists show it: {@code {userId, email, name, accessLevel, inherited}}. */
final class MemberView {

  private MemberView() {}

  static JsonObject json(UUID userId, Access access, JsonObject user) {
    return new JsonObject()
        .put("userId", userId.toString())
        .put("email", user == null ? null : user.getString("email"))
        .put("name", user == null ? null : user.getString("name"))
        .mergeIn(access.toJson());
  }
}
