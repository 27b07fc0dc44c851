package io.atrium.worker;

import io.atrium.platform.OutboxMessage;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * A CARRY_DEBT job applied long after its switch (a backlog, a stopped worker, a replayed dead letter) carries only the debt of
 * the card period its switch ended: every debt is billed once, by the invoice or left to the card, never both.
 */
class CarryDebtIT {

  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SERVER = "Server 1xCPU-1GB (hours) ";
  private static final String CARRIED = "Balance carried over from card payments 1 ";
  private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
  private LedgerHarness h; // given by LEDGER before each test
  private InvoicingFixture invoicing;
  private UUID a;
  private UUID ws;

  private static Instant day(int day) {
    return OCT.plus(Duration.ofDays(day - 1)).plusSeconds(10 * 3600);
  }

  /** Each test starts alike: 2 EUR spent on card (day 2), a switch to A (day 3) whose job is held back, 1 EUR spent on A (day 4). */
  @BeforeEach
  void cardThenInvoice() throws Exception {
    invoicing = new InvoicingFixture(h);
    a = invoicing.invoiceAccount();
    ws = invoicing.cardWorkspace(OCT);
    h.send(h.consumption(ws, "r1", day(2), 2 * EUR));
    await("the card debit", WAIT, () -> h.lastSeq(ws) == 1);
    invoicing.switchTo(ws, a, day(3));
    h.send(h.consumption(ws, "r2", day(4), EUR));
    await("the debit billed by A", WAIT, () -> h.lastSeq(ws) == 2);
  }

  @Test
  void aWorkspaceBackOnCardBeforeTheJobRunsKeepsItsDebtOnTheCard() throws Exception {
    backOnCard();

    // The switch to A's job arrives only now: the workspace pays by card again, the debt is the card's.
    h.send(invoicing.carryDebt(ws, a, day(3)), h.consumption(ws, "r3", day(7), EUR));
    await("the job and the one behind it", WAIT, () -> h.lastSeq(ws) == 4);
    assertThat(invoicing.carriedDebts(ws)).isEmpty();

    h.send(invoicing.invoiceRun(a, "2026-10"));
    await("A's invoice and its settlement", WAIT, () -> invoicing.invoices(a).size() == 1 && h.lastSeq(ws) == 5);
    assertThat(invoicing.lines(invoicing.invoices(a).get(0).getUUID("id"))).as("A bills only its own period")
        .containsExactly(SERVER + "1 " + EUR);
    assertThat(h.balance(ws)).as("the card periods' debits, left to the card's top-ups").isEqualTo(-6 * EUR);
    assertThat(h.problems(List.of(ws))).isEmpty();
  }

  @Test
  void twoLateSwitchJobsCarryBothCardPeriodsDebtToTheLastAccountOnce() throws Exception {
    UUID b = invoicing.invoiceAccount();
    backOnCard();
    invoicing.switchTo(ws, b, day(7));

    OutboxMessage toA = invoicing.carryDebt(ws, a, day(3));
    OutboxMessage toB = invoicing.carryDebt(ws, b, day(7));
    h.send(toA, toB, h.consumption(ws, "r4", day(8), EUR));
    await("both jobs and the one behind them", WAIT, () -> h.lastSeq(ws) == 4);
    assertThat(invoicing.carriedDebts(ws)).containsExactly(toB.id() + " " + b + " EUR " + 5 * EUR + " " + day(7));

    h.send(invoicing.invoiceRun(a, "2026-10"), invoicing.invoiceRun(b, "2026-10"));
    await("both invoices and their settlements", WAIT,
        () -> invoicing.invoices(a).size() == 1 && invoicing.invoices(b).size() == 1 && h.lastSeq(ws) == 6);
    assertThat(invoicing.lines(invoicing.invoices(a).get(0).getUUID("id"))).containsExactly(SERVER + "1 " + EUR);
    assertThat(invoicing.lines(invoicing.invoices(b).get(0).getUUID("id"))).containsExactly(SERVER + "1 " + EUR, CARRIED + 5 * EUR);
    assertThat(h.balance(ws)).as("every debt billed once").isZero();
    assertThat(h.problems(List.of(ws))).isEmpty();
  }

  @Test
  void aDebtCarriedAfterItsMonthWasInvoicedGoesOnTheNextInvoice() throws Exception {
    h.send(invoicing.invoiceRun(a, "2026-10"));
    await("October's invoice and its settlement", WAIT, () -> invoicing.invoices(a).size() == 1 && h.lastSeq(ws) == 3);
    UUID october = invoicing.invoices(a).get(0).getUUID("id");
    assertThat(invoicing.lines(october)).containsExactly(SERVER + "1 " + EUR);

    // The switch's job runs after October was invoiced: the card debt, and only it, is carried at the switch's time.
    OutboxMessage carry = invoicing.carryDebt(ws, a, day(3));
    h.send(carry, h.consumption(ws, "r2", Instant.parse("2026-11-02T10:00:00Z"), EUR));
    await("the job and the one behind it", WAIT, () -> h.lastSeq(ws) == 4);
    assertThat(invoicing.carriedDebts(ws)).containsExactly(carry.id() + " " + a + " EUR " + 2 * EUR + " " + day(3));

    h.send(invoicing.invoiceRun(a, "2026-10"), invoicing.invoiceRun(a, "2026-11"));
    await("November's invoice and its settlement", WAIT, () -> invoicing.invoices(a).size() == 2 && h.lastSeq(ws) == 5);
    assertThat(invoicing.lines(october)).as("October's invoice unchanged").containsExactly(SERVER + "1 " + EUR);
    assertThat(invoicing.lines(invoicing.invoices(a).get(1).getUUID("id"))).containsExactly(SERVER + "1 " + EUR, CARRIED + 2 * EUR);
    assertThat(h.balance(ws)).isZero();
    assertThat(h.problems(List.of(ws))).isEmpty();
  }

  /** Back on card (day 5), 3 EUR spent on it (day 6). */
  private void backOnCard() throws Exception {
    invoicing.switchTo(ws, null, day(5));
    h.send(h.consumption(ws, "r3", day(6), 3 * EUR));
    await("the second card period's debit", WAIT, () -> h.lastSeq(ws) == 3);
  }
}
