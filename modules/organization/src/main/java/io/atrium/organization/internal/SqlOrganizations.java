package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlOrganizations implements Organizations {

  private static final String INSERT = "INSERT INTO organization.organizations (id, name, created_at) VALUES ($1, $2, $3)";
  private static final String SEEN_BY = """
      SELECT o.id, o.name, o.created_at, m.role
        FROM organization.organizations o JOIN organization.memberships m ON m.organization_id = o.id
       WHERE o.id = $1 AND m.user_id = $2""";
  private static final String BY_ID = "SELECT id, name, created_at FROM organization.organizations WHERE id = $1";
  private static final String RENAME = "UPDATE organization.organizations SET name = $2 WHERE id = $1";
  private static final String DELETE = "DELETE FROM organization.organizations WHERE id = $1";
  private static final String OF_USER = """
      SELECT o.id, o.name, o.created_at, m.role
        FROM organization.memberships m JOIN organization.organizations o ON o.id = m.organization_id
       WHERE m.user_id = $1 AND ($2::text IS NULL OR (o.name, o.id) > ($2, $3))
       ORDER BY o.name, o.id
       LIMIT $4""";

  private static final String REQUIRES_MFA = "SELECT require_mfa FROM organization.organizations WHERE id = $1";
  private static final String REQUIRE_MFA = "UPDATE organization.organizations SET require_mfa = $2 WHERE id = $1";
  private static final String MFA_POLICY = """
      SELECT o.require_mfa, EXISTS (SELECT 1 FROM organization.memberships m WHERE m.organization_id = o.id AND m.user_id = $2) AS member
        FROM organization.organizations o WHERE o.id = $1""";

  private final SqlClient client;

  SqlOrganizations(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Organization organization) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(organization.id(), organization.name(), Times.toDb(organization.createdAt())))
        .mapEmpty();
  }

  @Override
  public Future<Organization.Seen> seenBy(UUID organizationId, UUID userId, boolean lock) {
    return client.preparedQuery(lock ? SEEN_BY + " FOR UPDATE OF o" : SEEN_BY).execute(Tuple.of(organizationId, userId))
        .map(rows -> rows.size() == 0 ? null : seen(rows.iterator().next()));
  }

  @Override
  public Future<Organization> byId(UUID organizationId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(organizationId))
        .map(rows -> rows.size() == 0 ? null : organization(rows.iterator().next()));
  }

  @Override
  public Future<Void> rename(UUID organizationId, String name) {
    return client.preparedQuery(RENAME).execute(Tuple.of(organizationId, name)).mapEmpty();
  }

  @Override
  public Future<Void> delete(UUID organizationId) {
    return client.preparedQuery(DELETE).execute(Tuple.of(organizationId)).mapEmpty();
  }

  @Override
  public Future<List<Organization.Seen>> ofUser(UUID userId, NameKey after, int limit) {
    Tuple args = Tuple.of(userId, after == null ? null : after.name(), after == null ? null : after.id(), limit);
    return client.preparedQuery(OF_USER).execute(args).map(SqlOrganizations::seen);
  }

  @Override
  public Future<Boolean> requiresMfa(UUID organizationId) {
    return client.preparedQuery(REQUIRES_MFA).execute(Tuple.of(organizationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean("require_mfa"));
  }

  @Override
  public Future<Void> requireMfa(UUID organizationId, boolean required) {
    return client.preparedQuery(REQUIRE_MFA).execute(Tuple.of(organizationId, required)).mapEmpty();
  }

  @Override
  public Future<MfaPolicy> mfaPolicy(UUID organizationId, UUID userId) {
    return client.preparedQuery(MFA_POLICY).execute(Tuple.of(organizationId, userId)).map(rows -> rows.size() == 0 ? null
        : new MfaPolicy(rows.iterator().next().getBoolean("require_mfa"), rows.iterator().next().getBoolean("member")));
  }

  private static List<Organization.Seen> seen(RowSet<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(SqlOrganizations::seen).toList();
  }

  private static Organization.Seen seen(Row row) {
    return new Organization.Seen(organization(row), OrganizationRole.parse(row.getString("role")));
  }

  private static Organization organization(Row row) {
    return new Organization(row.getUUID("id"), row.getString("name"), Times.fromDb(row, "created_at"));
  }
}
