package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link Organizations} in memory, each seen through a role of {@link InMemoryMemberships}; for rule tests. */
final class InMemoryOrganizations implements Organizations {

  private final InMemoryMemberships memberships;
  private final Map<UUID, Organization> organizations = new HashMap<>();
  private final Map<UUID, Boolean> requireMfa = new HashMap<>();

  InMemoryOrganizations(InMemoryMemberships memberships) {
    this.memberships = memberships;
  }

  @Override
  public Future<Void> insert(Organization organization) {
    organizations.put(organization.id(), organization);
    return Future.succeededFuture();
  }

  @Override
  public Future<Organization.Seen> seenBy(UUID organizationId, UUID userId, boolean lock) {
    Organization organization = organizations.get(organizationId);
    OrganizationRole role = memberships.roleOf(organizationId, userId);
    return Future.succeededFuture(organization == null || role == null ? null : new Organization.Seen(organization, role));
  }

  @Override
  public Future<Organization> byId(UUID organizationId) {
    return Future.succeededFuture(organizations.get(organizationId));
  }

  @Override
  public Future<Void> rename(UUID organizationId, String name) {
    organizations.computeIfPresent(organizationId, (id, o) -> new Organization(id, name, o.createdAt()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(UUID organizationId) {
    organizations.remove(organizationId);
    requireMfa.remove(organizationId);
    memberships.dropOrganization(organizationId);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Organization.Seen>> ofUser(UUID userId, NameKey after, int limit) {
    Comparator<Organization> order = Comparator.comparing(Organization::name).thenComparing(Organization::id);
    return Future.succeededFuture(organizations.values().stream()
        .filter(o -> memberships.roleOf(o.id(), userId) != null)
        .filter(o -> after == null || order.compare(o, new Organization(after.id(), after.name(), null)) > 0)
        .sorted(order).limit(limit)
        .map(o -> new Organization.Seen(o, memberships.roleOf(o.id(), userId)))
        .toList());
  }

  @Override
  public Future<Boolean> requiresMfa(UUID organizationId) {
    return Future.succeededFuture(organizations.containsKey(organizationId) ? requireMfa.getOrDefault(organizationId, false) : null);
  }

  @Override
  public Future<Void> requireMfa(UUID organizationId, boolean required) {
    if (organizations.containsKey(organizationId)) {
      requireMfa.put(organizationId, required);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<MfaPolicy> mfaPolicy(UUID organizationId, UUID userId) {
    return requiresMfa(organizationId).map(required -> required == null ? null
        : new MfaPolicy(required, userId != null && memberships.roleOf(organizationId, userId) != null));
  }

  /** The organizations as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(organizations, requireMfa);
  }
}
