package io.atrium.billing.internal;

import io.atrium.billing.PaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.PriceCatalogue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.UUID;

/** What the billing use cases share: the pool, the ports, the other contexts, the catalogue, the provider and the clock. */
record BillingPorts(Pool pool, Accounts accounts, Alerts alerts, LedgerQueries ledger, TopUps topUps, UsageEvents usage, IdempotencyKeys idempotency,
               InvoiceAccounts invoiceAccounts, Invoices invoices, ConsumptionRuns runs, BillableWorkspaces workspaces, BillingOrganizations organizations,
               PriceCatalogue catalogue, PaymentProvider provider, Operators operators, int partitions, Clock clock) {

  static BillingPorts create(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    return new BillingPorts(pool, new SqlAccounts(), new SqlAlerts(), new SqlLedgerQueries(), new SqlTopUps(), new SqlUsageEvents(), new SqlIdempotencyKeys(),
        new SqlInvoiceAccounts(), new SqlInvoices(), new SqlConsumptionRuns(), new BusBillableWorkspaces(vertx), new BusBillingOrganizations(vertx),
        PriceCatalogue.load(), provider, new Operators(config.list("operators")), config.integer("billing.partitions"), clock);
  }

  /** A billing job for the worker, on its workspace's partition. */
  OutboxMessage job(UUID workspaceId, String type, JsonObject payload) {
    return OutboxMessage.billingJob(workspaceId, type, payload, partitions);
  }

  BillingGuard guard() {
    return new BillingGuard(this);
  }
}
