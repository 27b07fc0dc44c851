package io.atrium.billing.internal;

import io.atrium.billing.PaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.PriceCatalogue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/**
 * What the billing use cases consult besides their tables: the workspace and organization contexts, the price catalogue,
 * the payment provider, the platform operators, the worker's partitions and the clock.
 */
record BillingCollaborators(BillableWorkspaces workspaces, BillingOrganizations organizations, PriceCatalogue catalogue,
                            PaymentProvider provider, Operators operators, int partitions, Clock clock) {

  static BillingCollaborators create(Vertx vertx, AtriumConfig config, Clock clock, PaymentProvider provider) {
    return new BillingCollaborators(new BusBillableWorkspaces(vertx), new BusBillingOrganizations(vertx), PriceCatalogue.load(), provider,
        new Operators(config.list("operators")), config.integer("billing.partitions"), clock);
  }

  /** A billing job for the worker, on its workspace's partition: queued with {@code outgoing.send} in the transaction it belongs to. */
  OutboxMessage job(UUID workspaceId, String type, JsonObject payload) {
    return OutboxMessage.billingJob(workspaceId, type, payload, partitions);
  }
}
