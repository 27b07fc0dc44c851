package io.atrium.billing;

import io.atrium.billing.internal.BillingEndpoints;
import io.atrium.platform.AtriumConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The billing context's API side: answers {@link BillingAddresses} and opens an account for every new workspace. */
public final class BillingVerticle extends VerticleBase {

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;
  private final PaymentProvider provider;

  public BillingVerticle(Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.provider = provider;
  }

  @Override
  public Future<?> start() {
    return BillingEndpoints.serve(vertx, pool, config, clock, provider);
  }
}
