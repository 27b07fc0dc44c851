package io.atrium.worker.internal.invoicing;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingNotifications;
import io.atrium.platform.Money;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Times;
import io.atrium.platform.Topology;
import io.atrium.worker.Job;
import io.atrium.worker.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one {@code INVOICE_RUN} job: in ONE transaction, the account's invoice for the period (per currency, unless it
 * exists: a repeat or a redelivery makes nothing new), its gap-free number, its lines, one {@code INVOICE} ledger job per
 * workspace on it and the mail notification. A crash before the commit leaves nothing behind, so running again finishes it.
 * <p>
 * An invoice bills ledger entries, not a time window: every consumption and usage debit the ledger stamped with this account
 * that no invoice billed yet and that occurred before the period's end (the cut-off), and every debt carried over to the
 * account from card payments; it records its id on each. A debit that reaches the ledger after its month was invoiced goes on
 * the next invoice: never lost, never billed twice.
 */
public final class InvoiceRunHandler implements JobHandler {

  private static final Logger log = LoggerFactory.getLogger(InvoiceRunHandler.class);

  private final Pool pool;
  private final Clock clock;
  private final int partitions;

  public InvoiceRunHandler(Pool pool, Clock clock, int partitions) {
    this.pool = pool;
    this.clock = clock;
    this.partitions = partitions;
  }

  @Override
  public Future<Void> handle(Job job) {
    UUID accountId;
    YearMonth period;
    try {
      accountId = UUID.fromString(job.payload().getString("invoiceAccountId"));
      period = YearMonth.parse(job.payload().getString("period"));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("invoice run job " + job.id() + " has a bad payload", e));
    }
    Instant cutoff = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return pool.withTransaction(tx -> InvoiceStore.lockAccount(tx, accountId).compose(account -> {
      if (account.isEmpty()) {
        log.warn("invoice run for unknown invoice account {} skipped", accountId);
        return Future.succeededFuture();
      }
      return InvoiceStore.invoicedCurrencies(tx, accountId, period.toString())
          .compose(invoiced -> InvoiceStore.openCurrencies(tx, accountId, cutoff).compose(open -> {
            Future<Void> issued = Future.succeededFuture();
            for (String currency : open) {
              if (!invoiced.contains(currency)) {
                issued = issued.compose(v -> bill(tx, account.get(), period.toString(), currency, cutoff));
              }
            }
            return issued;
          }));
    }));
  }

  /** Marks what the invoice bills, then makes it from exactly those rows. */
  private Future<Void> bill(SqlConnection tx, InvoiceStore.Account account, String period, String currency, Instant cutoff) {
    UUID invoiceId = UUID.randomUUID();
    return InvoiceStore.mark(tx, account.id(), currency, cutoff, invoiceId).compose(marked -> marked == 0 ? Future.succeededFuture()
        : InvoiceStore.billed(tx, invoiceId).compose(rows -> issue(tx, invoiceId, account, period,
            InvoicePlanner.draft(currency, rows, account.vatRate()))));
  }

  private Future<Void> issue(SqlConnection tx, UUID invoiceId, InvoiceStore.Account account, String period, InvoicePlanner.Draft draft) {
    Instant now = Times.now(clock);
    int year = now.atZone(ZoneOffset.UTC).getYear();
    return InvoiceStore.nextNumber(tx, year).compose(sequence -> {
      String number = String.format("ATR-%d-%06d", year, sequence);
      Future<Void> written = InvoiceStore.insert(tx, invoiceId, number, account, period, draft, now);
      for (Map.Entry<UUID, Long> share : draft.settles().entrySet()) {
        JsonObject payload = new JsonObject().put("invoiceId", invoiceId.toString()).put("number", number).put("period", period)
            .put("workspaceId", share.getKey().toString()).put("currency", draft.currency()).put("amount", share.getValue());
        OutboxMessage ledgerJob = OutboxMessage.billingJob(share.getKey(), BillingJobs.INVOICE, payload, partitions);
        written = written.compose(v -> Outbox.append(tx, ledgerJob));
      }
      JsonObject mail = new JsonObject().put("invoiceId", invoiceId.toString()).put("number", number).put("period", period)
          .put("currency", draft.currency()).put("total", draft.total()).put("billingEmail", account.billingEmail());
      String type = BillingNotifications.INVOICE_ISSUED;
      JsonArray workspaceIds = new JsonArray();
      draft.lines().stream().map(line -> line.workspaceId().toString()).distinct().forEach(workspaceIds::add);
      JsonObject data = new JsonObject().put("invoiceId", invoiceId.toString()).put("number", number).put("period", period)
          .put("currency", draft.currency()).put("total", Money.format(draft.total())).put("workspaceIds", workspaceIds);
      OutboxMessage event = BillingEvents.message(UUID.randomUUID(), BillingEvents.INVOICE_ISSUED, now, account.organizationId(), data);
      return written.compose(v -> Outbox.append(tx, new OutboxMessage(UUID.randomUUID(), Topology.EVENTS_EXCHANGE, type, type, mail)))
          .compose(v -> Outbox.append(tx, event))
          .onSuccess(v -> log.info("invoice {} for account {} and {}: {} {}", number, account.id(), period, draft.total(), draft.currency()));
    });
  }
}
