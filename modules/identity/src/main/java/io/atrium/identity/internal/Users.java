package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: the stored users. */
interface Users {

  /** Fails with a {@code conflict} rejection on {@code email} when the email is taken. */
  Future<Void> insert(User user);

  Future<Optional<User>> byId(UUID id);

  Future<Optional<User>> byEmail(String email);

  Future<Void> delete(UUID id);

  Future<Void> rename(UUID id, String name);

  /** The users among {@code ids} that exist, in one query. */
  Future<java.util.List<User>> byIds(java.util.List<UUID> ids);

  Future<Void> markEmailVerified(UUID id);

  /** Sets a new password hash and, in the same statement, ends every session but {@code keepSessionId}. */
  Future<Void> replacePassword(UUID id, String passwordHash, UUID keepSessionId, Instant now);
}
