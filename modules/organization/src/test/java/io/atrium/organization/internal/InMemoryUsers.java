package io.atrium.organization.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The identity context's users as organization asks them, for rule tests. */
final class InMemoryUsers implements UserLookups {

  private final Map<UUID, User> users = new HashMap<>();
  final Set<UUID> verified = new HashSet<>();

  User add(String email) {
    User user = new User(UUID.randomUUID(), email, email.substring(0, email.indexOf('@')));
    users.put(user.id(), user);
    return user;
  }

  @Override
  public Future<Map<UUID, User>> byIds(Collection<UUID> ids) {
    Map<UUID, User> found = new HashMap<>();
    ids.stream().filter(users::containsKey).forEach(id -> found.put(id, users.get(id)));
    return Future.succeededFuture(found);
  }

  @Override
  public Future<User> byEmail(String email) {
    return Future.succeededFuture(users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst().orElse(null));
  }

  @Override
  public Future<Void> markEmailVerified(UUID userId) {
    verified.add(userId);
    return Future.succeededFuture();
  }

  @Override
  public Future<User> ssoUser(String email, String name) {
    return byEmail(email).map(found -> found != null ? found : add(email)).onSuccess(user -> verified.add(user.id()));
  }

  @Override
  public Future<JsonObject> openSsoSession(UUID userId) {
    return Future.succeededFuture(new JsonObject().put("token", "session-" + userId).put("user", new JsonObject().put("id", userId.toString())));
  }
}
