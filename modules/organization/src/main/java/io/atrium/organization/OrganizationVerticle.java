package io.atrium.organization;

import io.atrium.organization.internal.OrganizationEndpoints;
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
  private final Clock clock;

  public OrganizationVerticle(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return OrganizationEndpoints.serve(vertx, pool, clock);
  }
}
