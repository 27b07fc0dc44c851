package io.atrium.billing;

import io.atrium.billing.internal.BillingEndpoints;
import io.atrium.billing.internal.HourlySchedule;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The hourly consumption schedule of the API process, and its reconcilers ({@link BillingReconcilers}): one process of many
 * runs them, the one holding a PostgreSQL advisory lock (DESIGN.md "Scaling past one machine"). Needs {@link BillingVerticle}
 * deployed.
 */
public final class ConsumptionScheduleVerticle extends VerticleBase {

  private final AtriumConfig config;
  private final Clock clock;
  private HourlySchedule schedule;
  private Pool pool;

  public ConsumptionScheduleVerticle(AtriumConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** True while this instance holds the lock and so schedules. */
  public boolean schedules() {
    return schedule != null && schedule.holdsLock();
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config); // its connections open on first use: in the lock holder only
    BillingReconcilers reconcilers = new BillingReconcilers(vertx, pool, config, clock);
    schedule = BillingEndpoints.schedule(vertx, pool, config, clock, reconcilers::runOnce);
    schedule.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return schedule.stop().eventually(() -> pool.close());
  }
}
