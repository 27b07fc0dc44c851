package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/** The workspace schema's ports, bound to one client: what a {@link UnitOfWork} hands its work. */
record WorkspaceTables(Workspaces workspaces, Members members, OrganizationRoles organizationRoles, Invitations invitations,
                       Resources resources, AuditLog auditLog, CurrentWorkspaces currentWorkspaces) {

  /** The tables in PostgreSQL. */
  static UnitOfWork<WorkspaceTables> postgres(Pool pool) {
    return UnitOfWork.of(pool, WorkspaceTables::on);
  }

  private static WorkspaceTables on(SqlClient client) {
    return new WorkspaceTables(new SqlWorkspaces(client), new SqlMembers(client), new SqlOrganizationRoles(client),
        new SqlInvitations(client), new SqlResources(client), new SqlAuditLog(client), new SqlCurrentWorkspaces(client));
  }
}
