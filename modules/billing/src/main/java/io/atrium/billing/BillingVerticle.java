package io.atrium.billing;

import io.atrium.billing.internal.BillingEndpoints;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.ServingVerticle;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The billing context's API side: answers {@link BillingAddresses} and opens an account for every new workspace. */
public final class BillingVerticle extends ServingVerticle {

  public BillingVerticle(Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    super(vertx -> BillingEndpoints.serve(vertx, pool, config, clock, provider));
  }
}
