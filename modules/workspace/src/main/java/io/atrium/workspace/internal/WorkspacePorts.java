package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.Transactions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;

/** What the use cases share: the database, the ports, the event publisher and the clock. */
record WorkspacePorts(Transactions transactions, Workspaces workspaces, Members members, OrganizationRoles roles, Invitations invitations,
               Resources resources, AuditLog audit, CurrentWorkspaces current, IdentityUsers users, Events events, Clock clock) {

  static WorkspacePorts create(Vertx vertx, Pool pool, Clock clock) {
    return new WorkspacePorts(Transactions.of(pool), new SqlWorkspaces(), new SqlMembers(), new SqlOrganizationRoles(), new SqlInvitations(),
        new SqlResources(), new SqlAuditLog(), new SqlCurrentWorkspaces(), new IdentityUsers(vertx), new Events(vertx), clock);
  }

  /** The client for reads outside transactions. */
  SqlClient reads() {
    return transactions.reads();
  }

  /** The access check outside transactions. */
  WorkspaceGuard guard() {
    return new WorkspaceGuard(reads(), workspaces);
  }
}
