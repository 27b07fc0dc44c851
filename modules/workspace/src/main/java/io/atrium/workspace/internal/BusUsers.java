package io.atrium.workspace.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class BusUsers extends BusClient implements Users {

  BusUsers(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Map<UUID, JsonObject>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonArray array = new JsonArray(ids.stream().map(UUID::toString).toList());
    return ask(IdentityAddresses.USERS_BY_IDS, new JsonObject().put("ids", array)).map(reply -> {
      Map<UUID, JsonObject> users = new HashMap<>();
      reply.getJsonArray("items", new JsonArray()).forEach(item -> {
        JsonObject user = (JsonObject) item;
        users.put(UUID.fromString(user.getString("id")), user);
      });
      return users;
    });
  }

  @Override
  public Future<Optional<JsonObject>> byEmail(String email) {
    return Rejected.orWhenNotFound(ask(IdentityAddresses.USER_BY_EMAIL, new JsonObject().put("email", email))
        .map(Optional::of), Optional.empty());
  }

  @Override
  public Future<Void> markEmailVerified(UUID userId) {
    return ask(IdentityAddresses.MARK_EMAIL_VERIFIED, new JsonObject().put("userId", userId.toString())).mapEmpty();
  }
}
