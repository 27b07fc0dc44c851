package io.atrium.workspace.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.Bus;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity context's users on the in-process event bus, answering what {@link io.atrium.identity.IdentityUsers} asks;
 * for rule tests.
 */
final class InMemoryIdentity {

  private final Map<UUID, JsonObject> users = new ConcurrentHashMap<>();
  final Set<UUID> verified = ConcurrentHashMap.newKeySet();

  InMemoryIdentity(Vertx vertx) {
    Bus.serve(vertx, IdentityAddresses.USERS_BY_IDS, request -> Future.succeededFuture(new JsonObject().put("items",
        new JsonArray(request.getJsonArray("ids").stream().map(id -> users.get(UUID.fromString((String) id)))
            .filter(java.util.Objects::nonNull).toList()))));
    Bus.serve(vertx, IdentityAddresses.USER_BY_EMAIL, request -> users.values().stream()
        .filter(user -> user.getString("email").equalsIgnoreCase(request.getString("email"))).findFirst()
        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(Rejection.notFound("user").failure())));
    Bus.serve(vertx, IdentityAddresses.MARK_EMAIL_VERIFIED, request -> {
      verified.add(UUID.fromString(request.getString("userId")));
      return Future.succeededFuture(new JsonObject());
    });
  }

  UUID add(String email) {
    UUID id = UUID.randomUUID();
    users.put(id, new JsonObject().put("id", id.toString()).put("email", email).put("name", email.substring(0, email.indexOf('@'))));
    return id;
  }
}
