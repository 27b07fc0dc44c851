package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** A member as lists show it: {@code {userId, email, name, accessLevel, inherited}}. */
final class MemberView {

  private MemberView() {}

  static JsonObject json(UUID userId, WorkspaceAccess access, IdentityUsers.Person user) {
    return new JsonObject()
        .put("userId", userId.toString())
        .put("email", user == null ? null : user.email())
        .put("name", user == null ? null : user.name())
        .mergeIn(access.toJson());
  }
}
