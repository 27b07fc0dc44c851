package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.billing.BillingAddresses;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Mailer;
import io.atrium.platform.UnitOfWork;
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
import java.time.YearMonth;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Wires the billing context and serves it on the event bus; see {@link BillingAddresses} for the contract. */
public final class BillingEndpoints {

  /** Asked by this module's hourly schedule, not by users: {@code {hour}} → {@code {hour, jobs}}, no operator check. */
  static final String SCHEDULED_CONSUMPTION_RUN = "billing.scheduled-consumption-run";

  /** Asked by the schedule on the month's due hour: {@code {period}} → the run, no operator check. */
  static final String SCHEDULED_INVOICE_RUN = "billing.scheduled-invoice-run";

  private static final Logger log = LoggerFactory.getLogger(BillingEndpoints.class);

  private BillingEndpoints() {}

  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, PaymentProvider provider) {
    UnitOfWork<BillingTables> storage = BillingTables.postgres(pool);
    BillingCollaborators collaborators = BillingCollaborators.create(vertx, config, clock, provider);
    Idempotent idempotent = new Idempotent(storage, clock);
    ReadAccount reading = new ReadAccount(storage, collaborators);
    AdmitResource admission = new AdmitResource(storage, collaborators);
    RunConsumption consumption = new RunConsumption(storage, collaborators);
    OpenAccount opening = new OpenAccount(storage, collaborators);
    RunInvoices invoiceRun = new RunInvoices(storage, collaborators, idempotent);
    ReadInvoices invoices = new ReadInvoices(vertx, storage, collaborators, new InvoicePdf(config));
    CloseAccount closing = new CloseAccount(storage, collaborators);
    ManageAlerts alerts = new ManageAlerts(storage, collaborators);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(BillingAddresses.GET_ACCOUNT, reading::read),
        Map.entry(BillingAddresses.SET_PAYMENT_METHOD, new ChangePaymentMethod(storage, collaborators, reading)::change),
        Map.entry(BillingAddresses.CHANGE_SETTINGS, new ChangeBillingSettings(storage, collaborators, reading)::change),
        Map.entry(BillingAddresses.GET_ALERTS, alerts::read),
        Map.entry(BillingAddresses.REPLACE_ALERTS, alerts::replace),
        Map.entry(BillingAddresses.REQUEST_TOP_UP, new RequestTopUp(storage, collaborators, idempotent)::request),
        Map.entry(BillingAddresses.GET_TOP_UP, new ReadTopUp(storage, collaborators)::read),
        Map.entry(BillingAddresses.READ_LOG, new ReadBillingLog(storage, collaborators)::read),
        Map.entry(BillingAddresses.READ_USAGE, new ReadUsage(storage, collaborators)::read),
        Map.entry(BillingAddresses.REPORT_USAGE, new IngestUsage(storage, collaborators, idempotent)::ingest),
        Map.entry(BillingAddresses.CREATE_INVOICE_ACCOUNT, new CreateInvoiceAccount(storage, collaborators,
            new BigDecimal(config.string("invoicing.defaultVatRate")))::create),
        Map.entry(BillingAddresses.LIST_INVOICE_ACCOUNTS, new ListInvoiceAccounts(storage, collaborators)::list),
        Map.entry(BillingAddresses.GRANT_CREDITS, new CreditGrant(storage, collaborators, idempotent)::grant),
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

  /** The handler of the worker's notifications ({@code BillingNotificationsVerticle}); mail goes through {@code mailer}. */
  public static HandleBillingNotification notifications(Vertx vertx, Pool pool, Clock clock, Mailer mailer) {
    BillableWorkspaces workspaces = new BusBillableWorkspaces(vertx);
    return new HandleBillingNotification(workspaces, new ApplyResourceState(BillingTables.postgres(pool), workspaces, clock), mailer);
  }

  /** The hourly schedule ({@code ConsumptionScheduleVerticle}), which runs {@code reconcile} too while it holds its lock. */
  public static HourlySchedule schedule(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, Supplier<Future<Void>> reconcile) {
    return new HourlySchedule(vertx, BillingTables.postgres(pool), config, clock, reconcile);
  }

  /** The reconcilers ({@code BillingReconcilers}). */
  public static Reconcilers reconcilers(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    return new Reconcilers(vertx, BillingTables.postgres(pool), config, clock);
  }
}
