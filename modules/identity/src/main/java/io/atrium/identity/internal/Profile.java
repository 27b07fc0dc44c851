package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The signed-in user's own profile and the changes they may make to it. Their organizations, workspaces
 * and current workspace belong to those contexts; the server puts {@code GET /me} together.
 */
final class Profile {

  private final Users users;
  private final SqlTwoFactor twoFactor;

  Profile(Users users, SqlTwoFactor twoFactor) {
    this.users = users;
    this.twoFactor = twoFactor;
  }

  Future<JsonObject> me(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated().compose(valid -> existing(userId)).compose(this::withMfa);
  }

  Future<JsonObject> updateMe(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String name = input.has("name") ? input.text("name", 1, Registration.MAX_NAME) : null;
    return input.validated()
        .compose(valid -> existing(userId))
        .compose(user -> name == null ? Future.succeededFuture() : users.rename(userId, name))
        .compose(renamed -> existing(userId))
        .compose(this::withMfa);
  }

  private Future<JsonObject> withMfa(User user) {
    return twoFactor.state(user.id())
        .map(state -> profile(user).put("mfaEnabled", state.isPresent() && state.get().enabledAt() != null));
  }

  private static JsonObject profile(User user) {
    return new JsonObject()
        .put("id", user.id().toString())
        .put("email", user.email())
        .put("name", user.name())
        .put("emailVerified", user.emailVerified());
  }

  private Future<User> existing(UUID userId) {
    return users.byId(userId).compose(user -> user.isPresent()
        ? Future.succeededFuture(user.get())
        : Future.failedFuture(Rejection.notFound("User").failure()));
  }
}
