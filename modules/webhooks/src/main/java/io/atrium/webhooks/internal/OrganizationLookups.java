package io.atrium.webhooks.internal;

import io.atrium.organization.OrganizationRole;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Port: the organization context. */
interface OrganizationLookups {

  /** The user's role, or null when they do not belong to it. */
  Future<OrganizationRole> roleOf(UUID userId, UUID organizationId);

  /** The email addresses of the organization's owners and admins. */
  Future<List<String>> adminEmails(UUID organizationId);
}
