package io.atrium.organization.internal;

import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Invalidations;
import io.atrium.platform.NotifiedCache;
import io.vertx.core.Future;
import java.util.Optional;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@link OrganizationDirectory} with each user's organizations ({@code GET /me}) cached per process. Triggers notify
 * {@code memberships-of:<user id>} when one of their memberships is added, removed or changes role, or one of their
 * organizations is renamed (changelog.yaml).
 */
final class CachedOrganizationDirectory implements OrganizationDirectory {

  static final String TOPIC = "memberships-of";
  /** As the token cache's: the bound should a notification ever be lost. */
  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_ENTRIES = 20_000;

  private final OrganizationDirectory directory;
  private final NotifiedCache<UUID, List<OrganizationMembership>> memberships;

  CachedOrganizationDirectory(OrganizationDirectory directory, Clock clock, Invalidations invalidations) {
    this.directory = directory;
    this.memberships = new NotifiedCache<>(invalidations, MAX_ENTRIES, TTL, clock);
    // An id that is no UUID throws, and Invalidations then empties every cache.
    invalidations.on(TOPIC, userId -> memberships.evict(UUID.fromString(userId)));
  }

  @Override
  public Future<List<OrganizationMembership>> membershipsOf(UUID userId) {
    return memberships.get(userId, () -> directory.membershipsOf(userId), found -> null);
  }

  /** An access decision: read every time, never from the cache. */
  @Override
  public Future<Optional<OrganizationRole>> roleOf(UUID userId, UUID organizationId) {
    return directory.roleOf(userId, organizationId);
  }
}
