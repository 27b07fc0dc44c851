package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Invoices bill ledger entries (DESIGN.md invariant 8): the ledger stamps each debit, an invoice marks what it bills. */
class LedgerInvoicingIT {

  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant OCTOBER = Instant.parse("2026-10-05T10:00:00Z");
  private LedgerHarness h; // given by LEDGER before each test

  private InvoicingFixture invoicing() {
    return new InvoicingFixture(h);
  }

  @Test
  void aDebitAppliedAfterItsMonthWasInvoicedGoesOnTheNextInvoiceAndEveryDebitIsBilledOnce() throws Exception {
    UUID account = invoicing().invoiceAccount();
    UUID ws = invoicedWorkspace(account);
    h.send(h.consumption(ws, "r1", OCTOBER, 2 * EUR), h.consumption(ws, "r1", OCTOBER.plusSeconds(3600), 2 * EUR));
    await("October's debits", WAIT, () -> h.lastSeq(ws) == 2);
    h.send(invoicing().invoiceRun(account, "2026-10"));
    await("October's invoice and its settlement", WAIT, () -> invoicing().invoices(account).size() == 1 && h.lastSeq(ws) == 3);
    UUID october = invoicing().invoices(account).get(0).getUUID("id");
    assertThat(invoicing().invoices(account).get(0).getLong("subtotal")).isEqualTo(4 * EUR);

    // October's last hour reaches the ledger after October was invoiced (a backlog, a replay, a catch-up run).
    h.send(h.consumption(ws, "r1", Instant.parse("2026-10-31T23:00:00Z"), 3 * EUR));
    await("the late debit", WAIT, () -> h.lastSeq(ws) == 4);
    Row late = h.entries(ws).get(3);
    assertThat(late.getString("payer")).isEqualTo("invoice");
    assertThat(late.getUUID("invoice_account_id")).isEqualTo(account);
    assertThat(late.getUUID("invoice_id")).as("not billed by October's invoice").isNull();

    // Running October again bills nothing; November's invoice takes the late debit.
    h.send(invoicing().invoiceRun(account, "2026-10"), invoicing().invoiceRun(account, "2026-11"));
    await("November's invoice and its settlement", WAIT, () -> invoicing().invoices(account).size() == 2 && h.lastSeq(ws) == 5);
    Row november = invoicing().invoices(account).get(1);
    assertThat(november.getString("period")).isEqualTo("2026-11");
    assertThat(november.getLong("subtotal")).isEqualTo(3 * EUR);
    assertThat(invoicing().lines(november.getUUID("id"))).containsExactly("Server 1xCPU-1GB (hours) 1 3000000");

    List<Row> entries = h.entries(ws);
    assertThat(entries).filteredOn(e -> e.getString("type").equals("consumption")).extracting(e -> e.getUUID("invoice_id"))
        .containsExactly(october, october, november.getUUID("id"));
    assertThat(h.balance(ws)).isZero();
    assertThat(h.problems(List.of(ws))).isEmpty();

    // The verifier sees a debit moved onto a second invoice.
    setInvoice(ws, 4, october);
    assertThat(h.problems(List.of(ws))).extracting(LedgerVerifier.Problem::what).anyMatch(what -> what.contains("the entries it billed"));
    setInvoice(ws, 4, november.getUUID("id"));
  }

  @Test
  void aCardDebtCarriedToAnInvoiceAccountIsItsOwnLineAndCardDebitsAreNeverInvoiced() throws Exception {
    UUID account = invoicing().invoiceAccount();
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, null, null);
    h.send(h.consumption(ws, "r1", OCTOBER, 2 * EUR));
    await("the card-time debit", WAIT, () -> h.lastSeq(ws) == 1);
    assertThat(h.entries(ws).get(0).getString("payer")).isEqualTo("card");

    // What the API's switch writes in one transaction: the account moves, and the worker is asked to carry the debt. A debit
    // the ledger applies before that job is stamped with the invoice account and billed by it, not carried.
    h.pool.preparedQuery("UPDATE billing.accounts SET payment_type = 'invoice', invoice_account_id = $2, card_reference = NULL WHERE workspace_id = $1")
        .execute(Tuple.of(ws, account)).await();
    h.send(h.consumption(ws, "r2", OCTOBER.plusSeconds(2 * 86_400), EUR));
    await("the invoice-time debit", WAIT, () -> h.lastSeq(ws) == 2);
    OutboxMessage carry = h.job(ws, BillingJobs.CARRY_DEBT, new JsonObject().put("invoiceAccountId", account.toString())
        .put("switchedAt", OCTOBER.plusSeconds(86_400).toString()));
    h.send(carry);
    await("the carried debt", WAIT, () -> invoicing().carriedDebts(ws).size() == 1);
    h.publishDirectly(carry); // a redelivery: its row is there, nothing more is carried
    h.send(LedgerHarness.repeat(carry)); // a second switch's job: the debt is carried already
    h.send(h.consumption(ws, "r3", OCTOBER.plusSeconds(3 * 86_400), EUR));
    await("the jobs behind them", WAIT, () -> h.lastSeq(ws) == 3);
    assertThat(invoicing().carriedDebts(ws)).containsExactly(carry.id() + " " + account + " EUR 2000000 " + OCTOBER.plusSeconds(86_400));

    h.send(invoicing().invoiceRun(account, "2026-10"));
    await("the invoice and its settlement", WAIT, () -> invoicing().invoices(account).size() == 1 && h.lastSeq(ws) == 4);
    UUID invoice = invoicing().invoices(account).get(0).getUUID("id");
    assertThat(invoicing().lines(invoice)).containsExactly("Server 1xCPU-1GB (hours) 2 2000000", "Balance carried over from card payments 1 2000000");
    assertThat(h.entries(ws).get(0).getUUID("invoice_id")).as("card debits are never invoiced").isNull();
    assertThat(h.balance(ws)).isZero();
  }

  private UUID invoicedWorkspace(UUID account) {
    UUID ws = h.workspace();
    h.account(ws, "invoice", null, null, null, null);
    h.pool.preparedQuery("UPDATE billing.accounts SET invoice_account_id = $2 WHERE workspace_id = $1").execute(Tuple.of(ws, account)).await();
    return ws;
  }

  private void setInvoice(UUID ws, long seq, UUID invoice) {
    h.pool.preparedQuery("UPDATE billing.entries SET invoice_id = $3 WHERE workspace_id = $1 AND seq = $2").execute(Tuple.of(ws, seq, invoice))
        .await();
  }
}
