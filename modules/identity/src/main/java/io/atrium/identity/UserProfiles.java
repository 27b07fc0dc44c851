package io.atrium.identity;

import io.vertx.core.Future;

import java.util.Optional;
import java.util.UUID;

/**
 * The identity context's typed read of a user's own profile, called directly (no event bus): get it with
 * {@code Contracts.of(vertx, UserProfiles.class)}. One SQL statement.
 */
public interface UserProfiles {

  /** The user's profile, or empty when there is no such user. */
  Future<Optional<UserProfile>> profileOf(UUID userId);

  /** A user as {@code GET /me} shows them; {@code mfaEnabled}: two-factor sign-in is on. */
  record UserProfile(UUID id, String email, String name, boolean emailVerified, boolean mfaEnabled) {}
}
