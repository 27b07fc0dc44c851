package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class SqlOrganizationRoles implements OrganizationRoles {

  private static final String PUT = """
      INSERT INTO workspace.organization_roles AS r (organization_id, user_id, role) VALUES ($1, $2, $3)
      ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role WHERE r.role <> EXCLUDED.role""";
  private static final String REMOVE = "DELETE FROM workspace.organization_roles WHERE organization_id = $1 AND user_id = $2";
  private static final String DROP = "DELETE FROM workspace.organization_roles WHERE organization_id = $1";
  // A rebuild writes only what differs: each row written notifies its user's API caches (changelog.yaml), and a
  // rebuild runs every few minutes on every process.
  private static final String CLEAR_RANGE = """
      DELETE FROM workspace.organization_roles r
       WHERE ($1::uuid IS NULL OR (r.organization_id, r.user_id) > ($1, $2::uuid))
         AND ($3::uuid IS NULL OR (r.organization_id, r.user_id) <= ($3, $4::uuid))
         AND NOT EXISTS (SELECT 1 FROM unnest($5::uuid[], $6::uuid[]) AS kept (organization_id, user_id)
                          WHERE kept.organization_id = r.organization_id AND kept.user_id = r.user_id)""";
  private static final String INSERT_ALL = """
      INSERT INTO workspace.organization_roles AS r (organization_id, user_id, role)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
      ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role WHERE r.role <> EXCLUDED.role""";
  private static final String ROLE_OF = "SELECT role FROM workspace.organization_roles WHERE organization_id = $1 AND user_id = $2";

  private final SqlClient client;

  SqlOrganizationRoles(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> put(Role role) {
    return client.preparedQuery(PUT).execute(Tuple.of(role.organizationId(), role.userId(), role.role())).mapEmpty();
  }

  @Override
  public Future<Void> remove(UUID organizationId, UUID userId) {
    return client.preparedQuery(REMOVE).execute(Tuple.of(organizationId, userId)).mapEmpty();
  }

  @Override
  public Future<Void> dropOrganization(UUID organizationId) {
    return client.preparedQuery(DROP).execute(Tuple.of(organizationId)).mapEmpty();
  }

  @Override
  public Future<Void> replaceRange(Role after, List<Role> roles, boolean last) {
    Role until = last || roles.isEmpty() ? null : roles.get(roles.size() - 1);
    UUID[] organizations = roles.stream().map(Role::organizationId).toArray(UUID[]::new);
    UUID[] users = roles.stream().map(Role::userId).toArray(UUID[]::new);
    Tuple range = Tuple.of(after == null ? null : after.organizationId(), after == null ? null : after.userId(),
        until == null ? null : until.organizationId(), until == null ? null : until.userId(), organizations, users);
    Tuple rows = Tuple.of(organizations, users, roles.stream().map(Role::role).toArray(String[]::new));
    return client.preparedQuery(CLEAR_RANGE).execute(range)
        .compose(cleared -> client.preparedQuery(INSERT_ALL).execute(rows))
        .mapEmpty();
  }

  @Override
  public Future<Optional<String>> roleOf(UUID organizationId, UUID userId) {
    return client.preparedQuery(ROLE_OF).execute(Tuple.of(organizationId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("role")));
  }
}
