package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Port: the users the identity context knows. */
interface Users {

  /** Those of the ids that exist, in one request. */
  Future<Map<UUID, User>> byIds(Collection<UUID> ids);

  /** The user with that email (any case), or null. */
  Future<User> byEmail(String email);

  Future<Void> markEmailVerified(UUID userId);

  record User(UUID id, String email, String name) {}
}
