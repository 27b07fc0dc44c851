package io.atrium.organization;

import io.atrium.organization.internal.DomainRecheck;
import io.atrium.organization.internal.OrganizationEndpoints;
import io.atrium.platform.AtriumConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * Re-verifies verified organization domains daily (API.md "Organizations"): a domain whose TXT record is gone
 * becomes {@code failed} and stops counting for single sign-on. One process of many runs it, by advisory lock.
 */
public final class DomainRecheckVerticle extends VerticleBase {

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;
  private DomainRecheck recheck;

  public DomainRecheckVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  /** True while this instance holds the lock and so re-verifies. */
  public boolean rechecks() {
    return recheck != null && recheck.holdsLock();
  }

  @Override
  public Future<?> start() {
    recheck = OrganizationEndpoints.domainRecheck(vertx, pool, config, clock);
    recheck.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return recheck.stop();
  }
}
