package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the replica of organization roles that lets one query resolve inherited workspace access. */
interface OrganizationRoles {

  record Role(UUID organizationId, UUID userId, String role) {}

  Future<Void> put(SqlClient db, Role role);

  Future<Void> remove(SqlClient db, UUID organizationId, UUID userId);

  Future<Void> dropOrganization(SqlClient db, UUID organizationId);

  /**
   * Makes the replica hold exactly {@code roles} between the keys {@code after} (exclusive; null: from the
   * start) and the last of {@code roles} (inclusive; to the end when {@code last} is true).
   */
  Future<Void> replaceRange(SqlClient db, Role after, List<Role> roles, boolean last);

  Future<Optional<String>> roleOf(SqlClient db, UUID organizationId, UUID userId);
}
