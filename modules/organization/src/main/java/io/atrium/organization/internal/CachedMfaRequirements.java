package io.atrium.organization.internal;

import io.atrium.organization.MfaRequirements;
import io.atrium.platform.Invalidations;
import io.atrium.platform.NotifiedCache;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Each organization's {@code require_mfa}, cached per process; a trigger notifies {@code organization:<id>} on change.
 * An unknown organization is not kept (null), so made-up ids cannot fill the cache.
 */
final class CachedMfaRequirements implements MfaRequirements {

  static final String TOPIC = "organization";
  /** As the token cache's: the bound should a notification ever be lost. */
  static final Duration TTL = Duration.ofSeconds(30);

  private final Organizations organizations;
  private final NotifiedCache<UUID, Boolean> requirements;

  /** {@code organizations}: read outside any transaction. */
  CachedMfaRequirements(Organizations organizations, Clock clock, Invalidations invalidations) {
    this.organizations = organizations;
    this.requirements = new NotifiedCache<>(invalidations, 20_000, TTL, clock);
    invalidations.on(TOPIC, organizationId -> requirements.evict(UUID.fromString(organizationId)));
  }

  @Override
  public Future<Boolean> required(UUID organizationId) {
    return requirements.get(organizationId, () -> organizations.requiresMfa(organizationId), required -> null)
        .map(Boolean.TRUE::equals);
  }
}
