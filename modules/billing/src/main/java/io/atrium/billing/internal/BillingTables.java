package io.atrium.billing.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/**
 * The billing schema's ports, bound to one client: what a {@link UnitOfWork} hands its work. The ledger's tables are the
 * worker's to write: here they are only read ({@link LedgerQueries}) and locked ({@link AccountClosures}).
 */
record BillingTables(Accounts accounts, AccountClosures accountClosures, Alerts alerts, LedgerQueries ledger, TopUps topUps,
                     UsageEvents usageEvents, IdempotencyKeys idempotencyKeys, InvoiceAccounts invoiceAccounts, Invoices invoices,
                     ConsumptionRuns consumptionRuns, ResourceStates resourceStates) {

  /** The tables in PostgreSQL. */
  static UnitOfWork<BillingTables> postgres(Pool pool) {
    return UnitOfWork.of(pool, BillingTables::on);
  }

  static BillingTables on(SqlClient client) {
    return new BillingTables(new SqlAccounts(client), new SqlAccountClosures(client), new SqlAlerts(client), new SqlLedgerQueries(client),
        new SqlTopUps(client), new SqlUsageEvents(client), new SqlIdempotencyKeys(client), new SqlInvoiceAccounts(client),
        new SqlInvoices(client), new SqlConsumptionRuns(client), new SqlResourceStates(client));
  }
}
