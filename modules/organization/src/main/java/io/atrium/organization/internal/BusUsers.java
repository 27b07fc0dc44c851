package io.atrium.organization.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The identity context, asked over the event bus. */
final class BusUsers extends BusClient implements Users {

  BusUsers(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Map<UUID, User>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonArray array = new JsonArray(ids.stream().map(UUID::toString).toList());
    return ask(IdentityAddresses.USERS_BY_IDS, new JsonObject().put("ids", array))
        .map(reply -> reply.getJsonArray("items", new JsonArray()).stream()
            .map(JsonObject.class::cast)
            .map(BusUsers::user)
            .collect(Collectors.toMap(User::id, user -> user)));
  }

  @Override
  public Future<User> byEmail(String email) {
    return Rejected.orWhenNotFound(ask(IdentityAddresses.USER_BY_EMAIL, new JsonObject().put("email", email))
        .map(BusUsers::user), null);
  }

  @Override
  public Future<Void> markEmailVerified(UUID userId) {
    return ask(IdentityAddresses.MARK_EMAIL_VERIFIED, new JsonObject().put("userId", userId.toString())).mapEmpty();
  }

  @Override
  public Future<User> ssoUser(String email, String name) {
    return ask(IdentityAddresses.SSO_USER, new JsonObject().put("email", email).put("name", name)).map(BusUsers::user);
  }

  @Override
  public Future<JsonObject> openSsoSession(UUID userId) {
    return ask(IdentityAddresses.SSO_SESSION, new JsonObject().put("userId", userId.toString()));
  }

  private static User user(JsonObject json) {
    return new User(UUID.fromString(json.getString("id")), json.getString("email"), json.getString("name"));
  }
}
