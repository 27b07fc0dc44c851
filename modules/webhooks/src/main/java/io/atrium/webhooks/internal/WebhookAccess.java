package io.atrium.webhooks.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Webhooks are the organization admins' (API.md roles table): a member is refused, anyone else sees nothing. */
final class WebhookAccess {

  private final OrganizationLookups organizations;
  private final WorkspaceLookups workspaces;

  WebhookAccess(OrganizationLookups organizations, WorkspaceLookups workspaces) {
    this.organizations = organizations;
    this.workspaces = workspaces;
  }

  Future<Void> requireAdmin(UUID userId, UUID organizationId) {
    return organizations.roleOf(userId, organizationId).compose(role -> {
      if (role == null) {
        return Future.failedFuture(Rejection.notFound("organization").failure());
      }
      return role.atLeast(OrganizationRole.ADMIN) ? Future.succeededFuture()
          : Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS, "managing webhooks needs the admin role").failure());
    });
  }

  /** Every workspace must be the organization's: another's (or none) is {@code not_found}, so ids can't be probed. */
  Future<Void> requireWorkspaces(UUID organizationId, List<UUID> workspaceIds) {
    return Future.all(workspaceIds.stream().map(id -> workspaces.organizationOf(id).compose(owner -> organizationId.equals(owner)
            ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(Rejection.notFound("workspace").failure()))).toList())
        .mapEmpty();
  }
}
