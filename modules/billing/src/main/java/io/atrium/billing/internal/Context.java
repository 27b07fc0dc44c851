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
record Context(Pool pool, Accounts accounts, Alerts alerts, Ledger ledger, TopUps topUps, UsageEvents usage, IdempotencyKeys idempotency,
               InvoiceAccounts invoiceAccounts, Invoices invoices, ConsumptionRuns runs, Workspaces workspaces, Organizations organizations,
               PriceCatalogue catalogue, PaymentProvider provider, Operators operators, int partitions, Clock clock) {

  static Context create(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    return new Context(pool, new SqlAccounts(), new SqlAlerts(), new SqlLedger(), new SqlTopUps(), new SqlUsageEvents(), new SqlIdempotencyKeys(),
        new SqlInvoiceAccounts(), new SqlInvoices(), new SqlConsumptionRuns(), new BusWorkspaces(vertx), new BusOrganizations(vertx),
        PriceCatalogue.load(), provider, new Operators(config.list("operators")), config.integer("billing.partitions"), clock);
  }

  /** A billing job for the worker, on its workspace's partition. */
  OutboxMessage job(UUID workspaceId, String type, JsonObject payload) {
    return OutboxMessage.billingJob(workspaceId, type, payload, partitions);
  }

  Guard guard() {
    return new Guard(this);
  }
}
