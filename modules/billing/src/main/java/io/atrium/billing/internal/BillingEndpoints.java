package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.billing.BillingAddresses;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.Function;

/** Wires the billing context and serves it on the event bus; see {@link BillingAddresses} for the contract. */
public final class BillingEndpoints {

  /** Asked by this module's hourly schedule, not by users: {@code {hour}} → {@code {hour, jobs}}, no operator check. */
  static final String SCHEDULED_CONSUMPTION_RUN = "billing.scheduled-consumption-run";

  /** Asked by the schedule on the month's due hour: {@code {period}} → the run, no operator check. */
  static final String SCHEDULED_INVOICE_RUN = "billing.scheduled-invoice-run";

  private static final Logger log = LoggerFactory.getLogger(BillingEndpoints.class);

  private BillingEndpoints() {}

  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    BillingPorts context = BillingPorts.create(vertx, pool, config, clock, provider);
    Idempotent idempotent = new Idempotent(context);
    ReadAccount reading = new ReadAccount(context);
    AdmitResource admission = new AdmitResource(context);
    RunConsumption consumption = new RunConsumption(context);
    OpenAccount opening = new OpenAccount(context);
    RunInvoices invoiceRun = new RunInvoices(context, idempotent);
    ReadInvoices invoices = new ReadInvoices(vertx, context, new InvoicePdf(config));
    CloseAccount closing = new CloseAccount(context);
    ManageAlerts alerts = new ManageAlerts(context);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(BillingAddresses.GET_ACCOUNT, reading::read),
        Map.entry(BillingAddresses.SET_PAYMENT_METHOD, new ChangePaymentMethod(context, reading)::change),
        Map.entry(BillingAddresses.CHANGE_SETTINGS, new ChangeBillingSettings(context, reading)::change),
        Map.entry(BillingAddresses.GET_ALERTS, alerts::read),
        Map.entry(BillingAddresses.REPLACE_ALERTS, alerts::replace),
        Map.entry(BillingAddresses.REQUEST_TOP_UP, new RequestTopUp(context, idempotent)::request),
        Map.entry(BillingAddresses.GET_TOP_UP, new ReadTopUp(context)::read),
        Map.entry(BillingAddresses.READ_LOG, new ReadBillingLog(context)::read),
        Map.entry(BillingAddresses.READ_USAGE, new ReadUsage(context)::read),
        Map.entry(BillingAddresses.REPORT_USAGE, new IngestUsage(context, idempotent)::ingest),
        Map.entry(BillingAddresses.CREATE_INVOICE_ACCOUNT, new CreateInvoiceAccount(context,
            new BigDecimal(config.string("invoicing.defaultVatRate")))::create),
        Map.entry(BillingAddresses.LIST_INVOICE_ACCOUNTS, new ListInvoiceAccounts(context)::list),
        Map.entry(BillingAddresses.GRANT_CREDITS, new CreditGrant(context, idempotent)::grant),
        Map.entry(BillingAddresses.RUN_CONSUMPTION, consumption::requested),
        Map.entry(SCHEDULED_CONSUMPTION_RUN, request -> consumption.run(Times.parse(request.getString("hour")), "schedule")),
        Map.entry(BillingAddresses.RUN_INVOICES, invoiceRun::requested),
        Map.entry(SCHEDULED_INVOICE_RUN, request -> invoiceRun.scheduled(YearMonth.parse(request.getString("period")))),
        Map.entry(BillingAddresses.GET_INVOICE, invoices::read),
        Map.entry(BillingAddresses.GET_INVOICE_PDF, invoices::renderPdf),
        Map.entry(BillingAddresses.LIST_WORKSPACE_INVOICES, invoices::listForWorkspace),
        Map.entry(WorkspaceAddresses.RESOURCE_ADMISSION, admission::admit),
        Map.entry(WorkspaceAddresses.CLOSE_BILLING, closing::close),
        Map.entry(WorkspaceAddresses.REOPEN_BILLING, closing::reopen));
    Future<Void> opens = vertx.eventBus().<JsonObject>consumer(WorkspaceEvents.CREATED, event -> opening.opened(event.body())
            .onFailure(e -> log.warn("opening the account of workspace {} failed; it opens on first use: {}",
                event.body().getString("workspaceId"), e.getMessage())))
        .completion();
    return Future.all(Bus.serveAll(vertx, endpoints), opens).mapEmpty();
  }
}
