package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/** The organization schema's ports, bound to one client: what a {@link UnitOfWork} hands its work. */
record OrganizationTables(Organizations organizations, Memberships memberships, Invitations invitations, AuditLog auditLog,
                          SsoConfigurations ssoConfigurations, LoginAttempts loginAttempts, Domains domains) {

  /** The tables in PostgreSQL. */
  static UnitOfWork<OrganizationTables> postgres(Pool pool) {
    return UnitOfWork.of(pool, OrganizationTables::on);
  }

  private static OrganizationTables on(SqlClient client) {
    return new OrganizationTables(new SqlOrganizations(client), new SqlMemberships(client), new SqlInvitations(client), new SqlAuditLog(client),
        new SqlSsoConfigurations(client), new SqlLoginAttempts(client), new SqlDomains(client));
  }
}
