package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Starts the invoices of one month: one {@code INVOICE_RUN} job per invoice account that had a workspace on it at
 * any moment of the month, all appended to the outbox with the run's row in one transaction, each on the partition
 * of its account. The worker makes each invoice once, so running a period again (or twice at once) bills nothing twice.
 * A period that has not ended is refused ({@code validation_failed} on period), like an hour that has not started.
 */
final class RunInvoices {

  private static final java.time.Duration GRACE = java.time.Duration.ofHours(2);

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final Idempotent idempotent;

  RunInvoices(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, Idempotent idempotent) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.idempotent = idempotent;
  }

  /** {@code POST /admin/invoice-runs}: {@code {email, period, idempotencyKey?}}; operators only. */
  Future<JsonObject> requested(JsonObject request) {
    Input input = new Input(request);
    input.caller();
    String key = input.idempotencyKey();
    YearMonth period = period(input, request.getValue("period"));
    // The month's last consumption hour is charged after the month ends: give its jobs time to reach the ledger.
    if (period != null && end(period).plus(GRACE).isAfter(Times.now(collaborators.clock()))) {
      input.error("period", "can be invoiced from " + end(period).plus(GRACE) + " on (the month's end and " + GRACE.toHours() + " hours)");
    }
    return collaborators.operators().require(request.getValue("email"))
        .compose(operator -> input.validated())
        .compose(valid -> idempotent.run("invoice-run", key, "period=" + period,
            (tables, outgoing) -> run(tables, outgoing, period, "operator:" + request.getString("email"))));
  }

  /** The schedule's run of {@code period}, without an operator or a key. */
  Future<JsonObject> scheduled(YearMonth period) {
    return storage.transaction((tables, outgoing) -> run(tables, outgoing, period, "schedule"));
  }

  private Future<JsonObject> run(BillingTables tables, UnitOfWork.Outgoing outgoing, YearMonth period, String requestedBy) {
    UUID runId = UUID.randomUUID();
    Instant now = Times.now(collaborators.clock());
    return tables.invoices().accountsInvoicedIn(start(period), end(period)).compose(accounts -> {
      Future<Void> appended = Future.succeededFuture();
      for (UUID account : accounts) {
        JsonObject job = new JsonObject().put("runId", runId.toString()).put("invoiceAccountId", account.toString())
            .put("period", period.toString());
        // The account's id picks the partition: one account's runs are applied one after another.
        OutboxMessage message = collaborators.job(account, BillingJobs.INVOICE_RUN, job);
        appended = appended.compose(v -> outgoing.send(message));
      }
      return appended.compose(v -> tables.invoices().recordRun(runId, period.toString(), requestedBy, now, accounts.size()))
          .map(v -> answer(runId, period, accounts));
    });
  }

  private static JsonObject answer(UUID runId, YearMonth period, List<UUID> accounts) {
    return new JsonObject().put("id", runId.toString()).put("period", period.toString()).put("status", "queued")
        .put("jobs", accounts.size());
  }

  static Instant start(YearMonth period) {
    return period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static Instant end(YearMonth period) {
    return start(period.plusMonths(1));
  }

  private static YearMonth period(Input input, Object value) {
    if (value instanceof String text && text.matches("\\d{4}-\\d{2}")) {
      try {
        return YearMonth.parse(text);
      } catch (DateTimeParseException e) {
        // falls through to the error below
      }
    }
    return input.error("period", "must be a month like \"2030-01\"");
  }
}
