package io.atrium.identity.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What other contexts may know of users: email and name, looked up in bulk; and email verification. */
final class LookUpUsers {

  private static final int MAX_IDS = 1000;

  private final UnitOfWork<IdentityTables> storage;

  LookUpUsers(UnitOfWork<IdentityTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> byIds(JsonObject request) {
    JsonArray given = request.getJsonArray("ids", new JsonArray());
    if (given.size() > MAX_IDS) {
      return Future.failedFuture(Rejection.invalid("ids", "at most " + MAX_IDS).failure());
    }
    List<UUID> ids = new ArrayList<>();
    for (Object id : given) {
      try {
        ids.add(UUID.fromString(String.valueOf(id)));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(Rejection.invalid("ids", "must be user ids").failure());
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("items", new JsonArray()));
    }
    return storage.read().users().byIds(ids).map(found -> {
      JsonArray items = new JsonArray();
      found.forEach(user -> items.add(entry(user)));
      return new JsonObject().put("items", items);
    });
  }

  Future<JsonObject> byEmail(JsonObject request) {
    Input input = new Input(request);
    String email = input.given("email");
    return input.validated()
        .compose(valid -> storage.read().users().byEmail(email))
        .compose(user -> user.isPresent()
            ? Future.succeededFuture(entry(user.get()))
            : Future.failedFuture(Rejection.notFound("User").failure()));
  }

  Future<JsonObject> markEmailVerified(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated().compose(valid -> storage.read().users().markEmailVerified(userId)).map(done -> new JsonObject());
  }

  private static JsonObject entry(User user) {
    return new JsonObject().put("id", user.id().toString()).put("email", user.email()).put("name", user.name());
  }
}
