package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The signed-in user's own profile and the changes they may make to it. Their organizations, workspaces
 * and current workspace belong to those contexts; the server puts {@code GET /me} together.
 */
final class ManageProfile {

  private final UnitOfWork<IdentityTables> storage;

  ManageProfile(UnitOfWork<IdentityTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> me(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated().compose(valid -> profile(userId));
  }

  Future<JsonObject> updateMe(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    String name = input.sent("name") ? input.text("name", 1, SignUp.MAX_NAME) : null;
    return input.validated()
        .compose(valid -> existing(userId))
        .compose(user -> name == null ? Future.succeededFuture() : storage.read().users().rename(userId, name))
        .compose(renamed -> profile(userId));
  }

  /** The profile with the two-factor state, in one statement. */
  private Future<JsonObject> profile(UUID userId) {
    return storage.read().userProfiles().profileOf(userId).compose(found -> found.isPresent()
        ? Future.succeededFuture(new JsonObject()
            .put("id", found.get().id().toString())
            .put("email", found.get().email())
            .put("name", found.get().name())
            .put("emailVerified", found.get().emailVerified())
            .put("mfaEnabled", found.get().mfaEnabled()))
        : Future.failedFuture(Rejection.notFound("User").failure()));
  }

  private Future<User> existing(UUID userId) {
    return storage.read().users().byId(userId).compose(user -> user.isPresent()
        ? Future.succeededFuture(user.get())
        : Future.failedFuture(Rejection.notFound("User").failure()));
  }
}
