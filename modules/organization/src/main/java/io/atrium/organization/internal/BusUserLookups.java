package io.atrium.organization.internal;

import io.atrium.identity.IdentityUsers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The identity context, asked over the event bus. */
final class BusUserLookups implements UserLookups {

  private final IdentityUsers identity;

  BusUserLookups(Vertx vertx) {
    this.identity = new IdentityUsers(vertx);
  }

  @Override
  public Future<Map<UUID, User>> byIds(Collection<UUID> ids) {
    return identity.byIds(ids).map(found -> found.values().stream().map(BusUserLookups::user).collect(Collectors.toMap(User::id, user -> user)));
  }

  @Override
  public Future<User> byEmail(String email) {
    return identity.byEmail(email).map(found -> found.map(BusUserLookups::user).orElse(null));
  }

  @Override
  public Future<Void> markEmailVerified(UUID userId) {
    return identity.markEmailVerified(userId);
  }

  @Override
  public Future<User> ssoUser(String email, String name) {
    return identity.ssoUser(email, name).map(BusUserLookups::user);
  }

  @Override
  public Future<JsonObject> openSsoSession(UUID userId) {
    return identity.openSsoSession(userId);
  }

  private static User user(IdentityUsers.Person person) {
    return new User(person.id(), person.email(), person.name());
  }
}
