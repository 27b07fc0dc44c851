package io.atrium.organization;

import io.atrium.organization.internal.OrganizationEndpoints;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Migrations;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The organization context: answers {@link OrganizationAddresses} on the event bus. */
public final class OrganizationVerticle extends VerticleBase {

  public static final Migrations.Changelog CHANGELOG =
      new Migrations.Changelog("organization", "db/organization/changelog.yaml");

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;
  private final Invalidations invalidations;

  /** {@code config} gives the mail settings and {@code publicUrl} (for invitation links); {@code clock} every timestamp. */
  public OrganizationVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this(pool, config, clock, Invalidations.none());
  }

  /** {@code invalidations}: this process's, whose caches its changes evict here at once. */
  public OrganizationVerticle(Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.invalidations = invalidations;
  }

  @Override
  public Future<?> start() {
    return OrganizationEndpoints.serve(vertx, pool, config, clock, invalidations);
  }
}
