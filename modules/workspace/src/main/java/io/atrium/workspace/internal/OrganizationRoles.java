package io.atrium.workspace.internal;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the replica of organization roles that lets one query resolve inherited workspace access. */
interface OrganizationRoles {

  record Role(UUID organizationId, UUID userId, String role) {}

  Future<Void> put(Role role);

  Future<Void> remove(UUID organizationId, UUID userId);

  Future<Void> dropOrganization(UUID organizationId);

  /**
   * Makes the replica hold exactly {@code roles} between the keys {@code after} (exclusive; null: from the
   * start) and the last of {@code roles} (inclusive; to the end when {@code last} is true).
   */
  Future<Void> replaceRange(Role after, List<Role> roles, boolean last);

  Future<Optional<String>> roleOf(UUID organizationId, UUID userId);
}
