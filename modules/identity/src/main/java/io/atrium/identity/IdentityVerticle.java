package io.atrium.identity;

import io.atrium.identity.internal.IdentityEndpoints;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BoundedWorkerPool;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Migrations;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The identity context: answers {@link IdentityAddresses} on the event bus. */
public final class IdentityVerticle extends VerticleBase {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("identity", "db/identity/changelog.yaml");

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;
  private final Invalidations invalidations;
  private BoundedWorkerPool passwordHashing;

  public IdentityVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this(pool, config, clock, Invalidations.none());
  }

  /** {@code invalidations}: this process's, whose caches its changes evict here at once. */
  public IdentityVerticle(Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.invalidations = invalidations;
  }

  @Override
  public Future<?> start() {
    passwordHashing = IdentityEndpoints.passwordHashing(config);
    return IdentityEndpoints.serve(vertx, pool, config, clock, invalidations, passwordHashing)
        .onFailure(failed -> passwordHashing.close()); // stop() is not called when start() fails
  }

  @Override
  public Future<?> stop() {
    passwordHashing.close();
    return Future.succeededFuture();
  }
}
