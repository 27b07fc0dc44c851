package io.atrium.billing;

import io.atrium.billing.internal.HourlySchedule;
import io.atrium.platform.AtriumConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Clock;

/**
 * The hourly consumption schedule of the API process: one process of many runs it, the one holding a
 * PostgreSQL advisory lock (DESIGN.md "Scaling past one machine"). Needs {@link BillingVerticle} deployed.
 */
public final class ConsumptionScheduleVerticle extends VerticleBase {

  private final AtriumConfig config;
  private final Clock clock;
  private HourlySchedule schedule;

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
    schedule = new HourlySchedule(vertx, config, clock);
    schedule.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return schedule.stop();
  }
}
