package io.atrium.organization;

import io.atrium.organization.internal.OrganizationEndpoints;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Migrations;
import io.atrium.platform.ServingVerticle;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The organization context: answers {@link OrganizationAddresses} on the event bus. */
public final class OrganizationVerticle extends ServingVerticle {

  public static final Migrations.Changelog CHANGELOG =
      new Migrations.Changelog("organization", "db/organization/changelog.yaml");

  /** {@code config} gives the mail settings and {@code publicUrl} (for invitation links); {@code clock} every timestamp. */
  public OrganizationVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this(pool, config, clock, Invalidations.none());
  }

  /** {@code invalidations}: this process's, whose caches its changes evict here at once. */
  public OrganizationVerticle(Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    super(vertx -> OrganizationEndpoints.serve(vertx, pool, config, clock, invalidations));
  }
}
