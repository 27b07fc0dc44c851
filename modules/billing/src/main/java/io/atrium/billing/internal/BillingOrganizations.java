package io.atrium.billing.internal;

import io.atrium.organization.OrganizationRole;
import io.vertx.core.Future;

import java.util.UUID;

/** Port: the organization context, through its typed contract (roles) and its addresses (the rest). */
interface BillingOrganizations {

  /** Succeeds when the organization exists; {@code not_found} otherwise. */
  Future<Void> exists(UUID organizationId);

  /** The user's role, or null when they do not belong to it. */
  Future<OrganizationRole> roleOf(UUID userId, UUID organizationId);
}
