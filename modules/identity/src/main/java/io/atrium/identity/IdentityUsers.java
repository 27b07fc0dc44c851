package io.atrium.identity;

import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Identity's users as other contexts find and show them, asked over the bus ({@link IdentityAddresses}). */
public final class IdentityUsers extends BusClient {

  /** A user as another context shows them. */
  public record Person(UUID id, String email, String name) {

    static Person of(JsonObject json) {
      return new Person(UUID.fromString(json.getString("id")), json.getString("email"), json.getString("name"));
    }
  }

  public IdentityUsers(Vertx vertx) {
    super(vertx);
  }

  /** The users of these ids that exist, by id, in one question. */
  public Future<Map<UUID, Person>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonArray array = new JsonArray(ids.stream().map(UUID::toString).toList());
    return ask(IdentityAddresses.USERS_BY_IDS, new JsonObject().put("ids", array))
        .map(reply -> reply.getJsonArray("items", new JsonArray()).stream().map(JsonObject.class::cast).map(Person::of)
            .collect(Collectors.toMap(Person::id, person -> person)));
  }

  /** The user of this address (any case), or empty. */
  public Future<Optional<Person>> byEmail(String email) {
    return Rejected.orWhenNotFound(ask(IdentityAddresses.USER_BY_EMAIL, new JsonObject().put("email", email))
        .map(reply -> Optional.of(Person.of(reply))), Optional.empty());
  }

  /** The user proved they own their address (by accepting an invitation sent to it). */
  public Future<Void> markEmailVerified(UUID userId) {
    return ask(IdentityAddresses.MARK_EMAIL_VERIFIED, new JsonObject().put("userId", userId.toString())).mapEmpty();
  }

  /** The user of an SSO login's verified address, created (verified, without a password) when there is none. */
  public Future<Person> ssoUser(String email, String name) {
    return ask(IdentityAddresses.SSO_USER, new JsonObject().put("email", email).put("name", name)).map(Person::of);
  }

  /** A session for a user SSO has signed in, as the API answers it ({@code {token, expiresAt, user}}), passed through as is. */
  public Future<JsonObject> openSsoSession(UUID userId) {
    return ask(IdentityAddresses.SSO_SESSION, new JsonObject().put("userId", userId.toString()));
  }
}
