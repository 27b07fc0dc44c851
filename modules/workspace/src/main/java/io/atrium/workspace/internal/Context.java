package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** What the use cases share: the pool, the ports, the event publisher and the clock. */
record Context(Pool pool, Workspaces workspaces, Members members, OrganizationRoles roles, Invitations invitations,
               Resources resources, AuditLog audit, CurrentWorkspaces current, IdentityUsers users, Events events, Clock clock) {

  static Context create(Vertx vertx, Pool pool, Clock clock) {
    return new Context(pool, new SqlWorkspaces(), new SqlMembers(), new SqlOrganizationRoles(), new SqlInvitations(),
        new SqlResources(), new SqlAuditLog(), new SqlCurrentWorkspaces(), new IdentityUsers(vertx), new Events(vertx), clock);
  }

  /** The access check on the pool (outside transactions). */
  Guard guard() {
    return new Guard(pool, workspaces);
  }
}
