package io.atrium.organization.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Port: the users the identity context knows. */
interface UserLookups {

  /** Those of the ids that exist, in one request. */
  Future<Map<UUID, User>> byIds(Collection<UUID> ids);

  /** The user with that email (any case), or null. */
  Future<User> byEmail(String email);

  Future<Void> markEmailVerified(UUID userId);

  /** The user with this provider-verified email, created when there is none; their email is marked verified. */
  Future<User> ssoUser(String email, String name);

  /** A new session of the user: {@code {token, expiresAt, user}}. */
  Future<JsonObject> openSsoSession(UUID userId);

  record User(UUID id, String email, String name) {}
}
