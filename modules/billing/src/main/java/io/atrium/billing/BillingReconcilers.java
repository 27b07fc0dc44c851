package io.atrium.billing;

import io.atrium.billing.internal.BillingEndpoints;
import io.atrium.billing.internal.Reconcilers;
import io.atrium.platform.AtriumConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The billing reconcilers (stuck top-ups, auto top-up flags, resource states, missed invoice runs). The API process runs them
 * every {@code billing.reconcile.intervalMillis} in the one process holding the schedule's advisory lock
 * ({@link ConsumptionScheduleVerticle}); {@link #runOnce()} runs one pass now (operators' tools, tests).
 */
public final class BillingReconcilers {

  private final Reconcilers reconcilers;

  public BillingReconcilers(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    this.reconcilers = BillingEndpoints.reconcilers(vertx, pool, config, clock);
  }

  public Future<Void> runOnce() {
    return reconcilers.runOnce();
  }
}
