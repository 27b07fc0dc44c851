package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The signed-in user's own view of themself ("me") and the changes they may make to it. */
final class Profile {

  private final Users users;
  private final Organizations organizations;

  Profile(Users users, Organizations organizations) {
    this.users = users;
    this.organizations = organizations;
  }

  Future<JsonObject> me(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated().compose(valid -> me(userId));
  }

  Future<JsonObject> updateMe(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String name = input.has("name") ? input.text("name", 1, Registration.MAX_NAME) : null;
    boolean workspaceGiven = input.has("currentWorkspaceId") && request.getValue("currentWorkspaceId") != null;
    if (workspaceGiven) {
      input.uuid("currentWorkspaceId");
    }
    return input.validated()
        // There is no workspace context yet, so no workspace can be accessible: every id is not found.
        // The workspace issue replaces this with an access check over the event bus.
        .compose(valid -> workspaceGiven ? Future.failedFuture(Rejection.notFound("Workspace").failure()) : Future.succeededFuture())
        .compose(allowed -> existing(userId))
        .compose(user -> name == null ? Future.succeededFuture() : users.rename(userId, name))
        .compose(renamed -> input.has("currentWorkspaceId") ? users.clearCurrentWorkspace(userId) : Future.succeededFuture())
        .compose(updated -> me(userId));
  }

  private Future<JsonObject> me(UUID userId) {
    return existing(userId).compose(user -> organizations.membershipsOf(userId).map(memberships -> new JsonObject()
        .put("id", user.id().toString())
        .put("email", user.email())
        .put("name", user.name())
        .put("emailVerified", user.emailVerified())
        .put("currentWorkspaceId", user.currentWorkspaceId() == null ? null : user.currentWorkspaceId().toString())
        .put("organizations", memberships)
        // Workspaces arrive with the workspace context (a later issue); until then there are none.
        .put("workspaces", new JsonArray())));
  }

  private Future<User> existing(UUID userId) {
    return users.byId(userId).compose(user -> user.isPresent()
        ? Future.succeededFuture(user.get())
        : Future.failedFuture(Rejection.notFound("User").failure()));
  }
}
