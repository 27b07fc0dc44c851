package io.atrium.organization.internal;

import io.atrium.platform.testing.InMemoryUnitOfWork;

import java.util.List;

/**
 * The organization's tables in memory, for rule tests: a failed transaction puts every table back and drops its mail,
 * as a rollback would. SSO configurations, login attempts and domains have no fake (null).
 */
final class InMemoryTables {

  final InMemoryMemberships memberships = new InMemoryMemberships();
  final InMemoryOrganizations organizations = new InMemoryOrganizations(memberships);
  final InMemoryInvitations invitations = new InMemoryInvitations();
  final InMemoryAuditLog auditLog = new InMemoryAuditLog();
  final InMemoryUnitOfWork<OrganizationTables> storage = new InMemoryUnitOfWork<>(
      new OrganizationTables(organizations, memberships, invitations, auditLog, null, null, null),
      () -> {
        List<Runnable> rollback = List.of(memberships.savepoint(), organizations.savepoint(), invitations.savepoint(), auditLog.trail.savepoint());
        return () -> rollback.forEach(Runnable::run);
      });
}
