package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.worker.internal.invoicing.InvoiceRunHandler;
import io.atrium.worker.internal.ledger.AutoTopUpEndedHandler;
import io.atrium.worker.internal.ledger.CarryDebtHandler;
import io.atrium.worker.internal.ledger.LedgerBatchHandler;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * The billing ledger: the handler of every billing job type (BillingJobs); invoice runs write invoices and hand the
 * ledger one {@code INVOICE} job per workspace on them. Jobs of a batch are applied in one transaction; a carried-over card
 * debt and an ended automatic top-up's flag each in one of its own, under the ledgers row lock. See
 * {@code internal.ledger.WorkspaceBook} for the rules and {@link LedgerVerifier} for what always holds afterwards.
 */
public final class Ledger {

  public static final List<String> JOB_TYPES = List.of(BillingJobs.TOP_UP, BillingJobs.CREDIT_GRANT, BillingJobs.CONSUMPTION,
      BillingJobs.USAGE, BillingJobs.INVOICE, BillingJobs.REEVALUATE);

  private Ledger() {}

  /** Handlers for a {@link BillingWorker}: {@code new BillingWorker(config, Ledger.handlers(pool, config, clock, provider))}. */
  public static JobHandlers handlers(Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    int partitions = config.integer("billing.partitions");
    return new JobHandlers().register(JOB_TYPES, new LedgerBatchHandler(pool, clock, provider, partitions))
        .register(BillingJobs.INVOICE_RUN, new InvoiceRunHandler(pool, clock, partitions))
        .register(BillingJobs.CARRY_DEBT, new CarryDebtHandler(pool))
        .register(BillingJobs.AUTO_TOP_UP_ENDED, new AutoTopUpEndedHandler(pool));
  }
}
