package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The identity context's users as the workspace context asks them, for rule tests. */
final class InMemoryUsers implements Users {

  private final Map<UUID, JsonObject> users = new HashMap<>();
  final Set<UUID> verified = new HashSet<>();

  UUID add(String email) {
    UUID id = UUID.randomUUID();
    users.put(id, new JsonObject().put("id", id.toString()).put("email", email).put("name", email.substring(0, email.indexOf('@'))));
    return id;
  }

  @Override
  public Future<Map<UUID, JsonObject>> byIds(Collection<UUID> ids) {
    Map<UUID, JsonObject> found = new HashMap<>();
    ids.stream().filter(users::containsKey).forEach(id -> found.put(id, users.get(id).copy()));
    return Future.succeededFuture(found);
  }

  @Override
  public Future<Optional<JsonObject>> byEmail(String email) {
    return Future.succeededFuture(users.values().stream().filter(u -> u.getString("email").equalsIgnoreCase(email)).findFirst().map(JsonObject::copy));
  }

  @Override
  public Future<Void> markEmailVerified(UUID userId) {
    verified.add(userId);
    return Future.succeededFuture();
  }
}
