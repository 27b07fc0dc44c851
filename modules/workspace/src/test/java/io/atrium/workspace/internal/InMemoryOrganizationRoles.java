package io.atrium.workspace.internal;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link OrganizationRoles} over {@link InMemoryWorkspaceData}, for rule tests. */
final class InMemoryOrganizationRoles implements OrganizationRoles {

  private final InMemoryWorkspaceData data;

  InMemoryOrganizationRoles(InMemoryWorkspaceData data) {
    this.data = data;
  }

  @Override
  public Future<Void> put(Role role) {
    data.roles.put(List.of(role.organizationId(), role.userId()), role.role());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(UUID organizationId, UUID userId) {
    data.roles.remove(List.of(organizationId, userId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> dropOrganization(UUID organizationId) {
    data.roles.keySet().removeIf(key -> key.get(0).equals(organizationId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> replaceRange(Role after, List<Role> roles, boolean last) {
    throw new UnsupportedOperationException("the replica's resync is tested against PostgreSQL (RoleReplica)");
  }

  @Override
  public Future<Optional<String>> roleOf(UUID organizationId, UUID userId) {
    return Future.succeededFuture(Optional.ofNullable(data.roles.get(List.of(organizationId, userId))));
  }
}
