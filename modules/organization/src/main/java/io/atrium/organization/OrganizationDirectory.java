package io.atrium.organization;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization context's typed reads for the rest of the process, called directly (no event bus): get it with
 * {@code Contracts.of(vertx, OrganizationDirectory.class)}. One SQL statement each.
 */
public interface OrganizationDirectory {

  /** Every organization {@code userId} belongs to, by name, then id. */
  Future<List<OrganizationMembership>> membershipsOf(UUID userId);

  /** The role {@code userId} holds in the organization; empty when they are not a member or it does not exist. */
  Future<Optional<OrganizationRole>> roleOf(UUID userId, UUID organizationId);

  /** One organization a user belongs to, with their role in it. */
  record OrganizationMembership(UUID id, String name, OrganizationRole role) {}
}
