package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingNotifications;
import io.atrium.billing.PaymentProvider;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:30:00Z");
  private static final UUID WS = UUID.randomUUID();
  private static final long EUR = 1_000_000;

  private final Map<UUID, PaymentProvider.Charge> charges = new HashMap<>();

  @Test
  void grants_are_spent_before_paid_credits_soonest_expiring_first_and_the_funding_says_so() {
    UUID paid = UUID.randomUUID();
    UUID lateGrant = UUID.randomUUID();
    UUID soonGrant = UUID.randomUUID();
    BatchPlan plan = plan(state(0, null), List.of(
        topUp(paid, 10 * EUR, true),
        grant(lateGrant, 3 * EUR, NOW.plus(Duration.ofDays(30))),
        grant(soonGrant, 2 * EUR, NOW.plus(Duration.ofDays(1))),
        consumption("r1", 6 * EUR)));

    Entry debit = plan.entries.get(3);
    assertThat(debit.amount()).isEqualTo(-6 * EUR);
    assertThat(debit.balanceAfter()).isEqualTo(9 * EUR);
    assertThat(debit.funding().getJsonArray("lots").stream().map(JsonObject.class::cast).map(f -> f.getString("lot") + "=" + f.getLong("amount")))
        .containsExactly(soonGrant + "=" + 2 * EUR, lateGrant + "=" + 3 * EUR, paid + "=" + 1 * EUR);
    assertThat(debit.funding().getLong("unfunded")).isZero();
    assertThat(plan.newLots).extracting(Lot::remaining).containsExactlyInAnyOrder(9 * EUR, 0L, 0L);
  }

  @Test
  void seq_and_the_hash_chain_continue_from_the_ledger_head_and_a_repeated_source_applies_once() {
    LedgerState head = new LedgerState(WS, "EUR", 5 * EUR, 41, new byte[32], "active", false, null, LedgerState.Account.NONE);
    LedgerJob usage = usage(UUID.randomUUID(), 2 * EUR);
    BatchPlan plan = plan(head, List.of(usage, usage, consumption("r1", EUR)));

    assertThat(plan.entries).extracting(Entry::seq).containsExactly(42L, 43L);
    assertThat(plan.entries.get(0).hash()).isEqualTo(HashChain.next(new byte[32], WS, 42, "usage", -2 * EUR, 3 * EUR,
        usage.sourceId(), NOW.minusSeconds(60)));
    assertThat(plan.ledgers.get(0).lastSeq()).isEqualTo(43);
    assertThat(plan.ledgers.get(0).balance()).isEqualTo(2 * EUR);
    assertThat(plan.usage.values()).containsExactlyInAnyOrder(2 * EUR, EUR);
  }

  @Test
  void a_debit_no_lot_covers_goes_negative_and_the_next_credit_pays_that_debt_first() {
    BatchPlan plan = plan(state(0, null), List.of(consumption("r1", 4 * EUR), topUp(UUID.randomUUID(), 10 * EUR, true)));

    assertThat(plan.entries.get(0).funding().getLong("unfunded")).isEqualTo(4 * EUR);
    assertThat(plan.newLots).singleElement().satisfies(lot -> assertThat(lot.remaining()).isEqualTo(6 * EUR));
    assertThat(plan.ledgers.get(0).balance()).isEqualTo(6 * EUR);
  }

  @Test
  void an_invoice_settles_the_month_debt_once_and_brings_the_balance_back_to_zero() {
    LedgerJob invoice = new LedgerJob.Invoice(UUID.randomUUID(), WS, "EUR", 4 * EUR, "ATR-2026-000001", "2026-10");
    BatchPlan plan = plan(state(0, null), List.of(consumption("r1", 4 * EUR), invoice, invoice));

    assertThat(plan.entries).extracting(Entry::type).containsExactly("consumption", "invoice");
    assertThat(plan.entries.get(1).amount()).isEqualTo(4 * EUR);
    assertThat(plan.entries.get(1).sourceId()).isEqualTo(invoice.sourceId());
    assertThat(plan.entries.get(1).description()).isEqualTo("Invoice ATR-2026-000001 for 2026-10");
    assertThat(plan.newLots).singleElement().satisfies(lot -> assertThat(lot.remaining()).isZero());
    assertThat(plan.ledgers.get(0).balance()).isZero();
  }

  @Test
  void an_expired_grant_is_given_back_by_an_adjustment_before_the_next_job() {
    UUID grant = UUID.randomUUID();
    Lot open = new Lot(grant, WS, "grant", "credit-grant:" + grant, 3 * EUR, 3 * EUR, NOW.minusSeconds(1), NOW.minusSeconds(99), false);
    BatchPlan plan = BatchPlanner.plan(List.of(consumption("r1", EUR)), input(state(3 * EUR, null), List.of(open)));

    assertThat(plan.entries).extracting(Entry::type, Entry::amount, Entry::sourceId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("adjustment", -3 * EUR, "grant-expiry:" + grant),
            org.assertj.core.groups.Tuple.tuple("consumption", -EUR, "consumption:r1:2026-11-27T10:00:00Z"));
    assertThat(plan.entries.get(1).funding().getLong("unfunded")).isEqualTo(EUR);
    assertThat(plan.changedLots).singleElement().satisfies(lot -> assertThat(lot.remaining()).isZero());
  }

  @Test
  void a_declined_top_up_fails_without_an_entry_and_a_final_one_is_skipped() {
    UUID declined = UUID.randomUUID();
    BatchPlan plan = plan(state(0, null), List.of(topUp(declined, 20 * EUR, false)));

    assertThat(plan.entries).isEmpty();
    assertThat(plan.topUps).singleElement().satisfies(row -> {
      assertThat(row.status()).isEqualTo("failed");
      assertThat(row.failureReason()).isEqualTo("card_declined");
    });
    assertThat(plan.outbox).isEmpty(); // no entry, no balance rule runs
  }

  @Test
  void prepaid_workspaces_are_suspended_at_zero_and_resumed_above_it_invoiced_ones_never() {
    BatchPlan suspended = plan(state(EUR, null), List.of(consumption("r1", EUR)));
    assertThat(suspended.ledgers.get(0).status()).isEqualTo("suspended");
    assertThat(suspended.outbox).extracting(OutboxMessage::type).containsExactly(BillingNotifications.SUSPENDED);

    LedgerState down = new LedgerState(WS, "EUR", -EUR, 3, new byte[32], "suspended", false, null, LedgerState.Account.NONE);
    BatchPlan resumed = plan(down, List.of(topUp(UUID.randomUUID(), 10 * EUR, true)));
    assertThat(resumed.ledgers.get(0).status()).isEqualTo("active");
    assertThat(resumed.outbox).extracting(OutboxMessage::type).containsExactly(BillingNotifications.RESUMED);

    LedgerState.Account invoice = new LedgerState.Account("invoice", null, null, null, null);
    BatchPlan invoiced = plan(new LedgerState(WS, "EUR", 0, 0, new byte[32], "active", false, null, invoice),
        List.of(consumption("r1", EUR)));
    assertThat(invoiced.ledgers.get(0).status()).isEqualTo("active");
    assertThat(invoiced.outbox).isEmpty();
  }

  @Test
  void low_balance_is_told_once_per_crossing() {
    LedgerState.Account account = new LedgerState.Account("card", "card", 5 * EUR, null, null);
    BatchPlan crossed = plan(new LedgerState(WS, "EUR", 6 * EUR, 1, new byte[32], "active", false, null, account),
        List.of(consumption("r1", 2 * EUR)));
    assertThat(crossed.outbox).extracting(OutboxMessage::type).containsExactly(BillingNotifications.LOW_BALANCE);
    assertThat(crossed.ledgers.get(0).lowBalanceNotified()).isTrue();

    BatchPlan stillLow = plan(crossed.ledgers.get(0), List.of(consumption("r2", EUR)));
    assertThat(stillLow.outbox).isEmpty();

    BatchPlan back = plan(stillLow.ledgers.get(0), List.of(grant(UUID.randomUUID(), 10 * EUR, null)));
    assertThat(back.ledgers.get(0).lowBalanceNotified()).isFalse();
  }

  @Test
  void an_auto_top_up_starts_below_its_threshold_once_and_ends_with_its_top_up() {
    LedgerState.Account account = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 5 * EUR, 20 * EUR);
    BatchPlan first = plan(new LedgerState(WS, "EUR", 6 * EUR, 1, new byte[32], "active", false, null, account),
        List.of(consumption("r1", 2 * EUR), consumption("r2", 2 * EUR)));
    assertThat(first.outbox).singleElement().satisfies(job -> {
      assertThat(job.type()).isEqualTo(BillingJobs.TOP_UP);
      assertThat(job.payload().getLong("amount")).isEqualTo(20 * EUR);
      assertThat(job.payload().getString("kind")).isEqualTo("auto");
    });
    UUID pending = first.ledgers.get(0).autoTopUpPending();
    assertThat(first.topUps).singleElement().satisfies(row -> assertThat(row.id()).isEqualTo(pending));

    BatchPlan meanwhile = plan(first.ledgers.get(0), List.of(consumption("r3", EUR)));
    assertThat(meanwhile.outbox).isEmpty();

    BatchPlan done = plan(meanwhile.ledgers.get(0), List.of(topUp(pending, 20 * EUR, true)));
    assertThat(done.ledgers.get(0).autoTopUpPending()).isNull();
    assertThat(done.ledgers.get(0).balance()).isEqualTo(21 * EUR);
  }

  @Test
  void a_next_auto_top_up_waits_for_a_debit_after_the_last_one_ended() {
    LedgerState.Account account = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 5 * EUR, 20 * EUR);
    UUID pending = UUID.randomUUID();
    LedgerState waiting = new LedgerState(WS, "EUR", 4 * EUR, 1, new byte[32], "active", false, pending, account);
    BatchPlan debitFirst = plan(waiting, List.of(consumption("r1", EUR), autoTopUp(pending, 20 * EUR, false)));
    assertThat(debitFirst.outbox).extracting(OutboxMessage::type).doesNotContain(BillingJobs.TOP_UP);
    assertThat(debitFirst.ledgers.get(0).autoTopUpPending()).isNull();

    BatchPlan debitAfter = plan(waiting, List.of(autoTopUp(pending, 20 * EUR, false), consumption("r1", EUR)));
    assertThat(debitAfter.outbox).extracting(OutboxMessage::type).containsOnlyOnce(BillingJobs.TOP_UP);
    assertThat(debitAfter.ledgers.get(0).autoTopUpPending()).isNotNull().isNotEqualTo(pending);
  }

  @Test
  void a_reevaluation_writes_no_entry_and_suspends_at_a_reached_suspend_budget() {
    LedgerState.Controls budget = new LedgerState.Controls(null, null, null, null, 10 * EUR, "suspend", null, List.of(), 0);
    LedgerState.Account invoiced = new LedgerState.Account("invoice", null, null, null, null, UUID.randomUUID(), UUID.randomUUID(), budget);
    SpendState spent = new SpendState();
    spent.month = "2026-11";
    spent.monthSpend = 10 * EUR;
    LedgerState state = new LedgerState(WS, "EUR", -10 * EUR, 3, new byte[32], "active", false, null, invoiced, spent);
    BatchPlan plan = plan(state, List.of(new LedgerJob.Reevaluate(WS)));
    assertThat(plan.entries).isEmpty();
    assertThat(plan.ledgers.get(0).status()).isEqualTo("suspended");
    assertThat(plan.outbox).extracting(OutboxMessage::type).containsExactly("budget.exceeded", BillingNotifications.SUSPENDED,
        "workspace.suspended", BillingNotifications.SPEND_ALERT);
  }

  @Test
  void an_auto_top_up_charges_once_per_crossing_not_again_on_a_reevaluation_or_a_debit_while_still_below() {
    LedgerState.Account account = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 100 * EUR, 20 * EUR);
    BatchPlan crossed = plan(new LedgerState(WS, "EUR", 150 * EUR, 1, new byte[32], "active", false, null, account),
        List.of(consumption("r1", 100 * EUR)));
    assertThat(crossed.outbox).extracting(OutboxMessage::type).containsOnlyOnce(BillingJobs.TOP_UP);
    UUID pending = crossed.ledgers.get(0).autoTopUpPending();

    BatchPlan charged = plan(crossed.ledgers.get(0), List.of(autoTopUp(pending, 20 * EUR, true)));
    assertThat(charged.ledgers.get(0).balance()).as("still below the threshold").isEqualTo(70 * EUR);
    BatchPlan reevaluated = plan(charged.ledgers.get(0), List.of(new LedgerJob.Reevaluate(WS)));
    assertThat(reevaluated.outbox).extracting(OutboxMessage::type).doesNotContain(BillingJobs.TOP_UP);
    BatchPlan again = plan(reevaluated.ledgers.get(0), List.of(new LedgerJob.Reevaluate(WS)));
    assertThat(again.outbox).extracting(OutboxMessage::type).as("a redelivered reevaluation").doesNotContain(BillingJobs.TOP_UP);
    BatchPlan debited = plan(again.ledgers.get(0), List.of(consumption("r2", EUR)));
    assertThat(debited.outbox).extracting(OutboxMessage::type).doesNotContain(BillingJobs.TOP_UP);

    // Back at the threshold, then below it again: a new crossing, a new charge.
    BatchPlan recrossed = plan(debited.ledgers.get(0), List.of(grant(UUID.randomUUID(), 40 * EUR, null), consumption("r3", 20 * EUR)));
    assertThat(recrossed.outbox).extracting(OutboxMessage::type).containsOnlyOnce(BillingJobs.TOP_UP);
  }

  @Test
  void a_target_charge_cut_by_the_maximum_stays_disarmed_until_the_setting_is_saved_again() {
    Instant setAt = NOW.minus(Duration.ofDays(3));
    LedgerState.Controls controls = new LedgerState.Controls("target", 9_000 * EUR, null, setAt, null, null, null, List.of(), 0);
    LedgerState.Account account = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 6_000 * EUR, null, null, null, controls);
    BatchPlan crossed = plan(new LedgerState(WS, "EUR", 100 * EUR, 1, new byte[32], "active", false, null, account),
        List.of(consumption("r1", 50 * EUR)));
    UUID pending = crossed.ledgers.get(0).autoTopUpPending();
    assertThat(crossed.topUps).singleElement().satisfies(row -> assertThat(row.amount()).as("the maximum").isEqualTo(5_000 * EUR));
    BatchPlan charged = plan(crossed.ledgers.get(0), List.of(autoTopUp(pending, 5_000 * EUR, true), consumption("r2", 50 * EUR)));
    assertThat(charged.ledgers.get(0).balance()).isEqualTo(5_000 * EUR);
    assertThat(charged.outbox).extracting(OutboxMessage::type).doesNotContain(BillingJobs.TOP_UP);

    LedgerState.Controls saved = new LedgerState.Controls("target", 9_000 * EUR, null, NOW, null, null, null, List.of(), 0);
    LedgerState.Account resaved = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 6_000 * EUR, null, null, null, saved);
    LedgerState before = charged.ledgers.get(0);
    BatchPlan reevaluated = plan(new LedgerState(WS, "EUR", before.balance(), before.lastSeq(), before.lastHash(), before.status(), false,
        null, resaved, before.spend()), List.of(new LedgerJob.Reevaluate(WS)));
    assertThat(reevaluated.topUps).singleElement().satisfies(row -> assertThat(row.amount()).isEqualTo(4_000 * EUR));
  }

  @Test
  void a_grant_expiring_is_not_spend_and_does_not_reach_a_suspend_budget() {
    LedgerState.Controls budget = new LedgerState.Controls(null, null, null, null, 2 * EUR, "suspend", null,
        List.of(new LedgerState.Threshold("spend_month", EUR)), 0);
    LedgerState.Account invoiced = new LedgerState.Account("invoice", null, null, null, null, UUID.randomUUID(), UUID.randomUUID(), budget);
    SpendState spend = new SpendState();
    spend.month = "2026-11";
    UUID grant = UUID.randomUUID();
    Lot open = new Lot(grant, WS, "grant", "credit-grant:" + grant, 3 * EUR, 3 * EUR, NOW.minusSeconds(1), NOW.minusSeconds(99), false);
    LedgerState state = new LedgerState(WS, "EUR", 3 * EUR, 1, new byte[32], "active", false, null, invoiced, spend);
    BatchPlan plan = BatchPlanner.plan(List.of(new LedgerJob.Reevaluate(WS)), input(state, List.of(open)));

    assertThat(plan.entries).extracting(Entry::type).containsExactly("adjustment");
    assertThat(plan.ledgers.get(0).spend().monthSpend()).isZero();
    assertThat(plan.ledgers.get(0).status()).isEqualTo("active");
    assertThat(plan.outbox).extracting(OutboxMessage::type).doesNotContain("budget.exceeded", "spend.threshold_reached",
        "workspace.suspended", "workspace.balance_depleted");
  }

  @Test
  void the_month_counters_never_roll_back_to_an_earlier_month() {
    SpendState december = new SpendState();
    december.month = "2026-12";
    december.monthSpend = 5 * EUR;
    december.monthAutoTopUps = 30 * EUR;
    LedgerState.Controls capped = new LedgerState.Controls("fixed", null, 30 * EUR, null, null, null, null, List.of(), 0);
    LedgerState.Account account = new LedgerState.Account("card", "sandbox_card_tok_visa_x", null, 50 * EUR, 20 * EUR, null, null, capped);
    BatchPlan plan = plan(new LedgerState(WS, "EUR", 60 * EUR, 1, new byte[32], "active", false, null, account, december),
        List.of(consumption("r1", 20 * EUR))); // NOW is in November: a worker whose clock is behind
    assertThat(plan.ledgers.get(0).spend().month).isEqualTo("2026-12");
    assertThat(plan.ledgers.get(0).spend().monthAutoTopUps).isEqualTo(30 * EUR);
    assertThat(plan.ledgers.get(0).spend().monthSpend()).as("a November debit is not December's").isEqualTo(5 * EUR);
    assertThat(plan.outbox).extracting(OutboxMessage::type).as("December's cap is used up").doesNotContain(BillingJobs.TOP_UP);
  }

  @Test
  void a_new_month_starts_from_the_spend_the_entries_hold_for_it() {
    SpendState october = new SpendState();
    october.month = "2026-10";
    october.monthSpend = 50 * EUR;
    october.spentInMonth = 7 * EUR; // read from billing.entries dated in November (LedgerReads)
    BatchPlan plan = plan(new LedgerState(WS, "EUR", 60 * EUR, 1, new byte[32], "active", false, null, LedgerState.Account.NONE, october),
        List.of(consumption("r1", EUR)));
    assertThat(plan.ledgers.get(0).spend().month).isEqualTo("2026-11");
    assertThat(plan.ledgers.get(0).spend().monthSpend()).isEqualTo(8 * EUR);
  }

  @Test
  void another_budget_reached_later_in_the_month_notifies_again() {
    SpendState notified = new SpendState();
    notified.month = "2026-11";
    notified.monthSpend = 15 * EUR;
    notified.budgetNotified = true;
    notified.budgetNotifiedAmount = 10 * EUR;
    LedgerState.Controls raised = new LedgerState.Controls(null, null, null, null, 20 * EUR, "notify", null, List.of(), 0);
    LedgerState.Account account = new LedgerState.Account("card", null, null, null, null, null, UUID.randomUUID(), raised);
    LedgerState state = new LedgerState(WS, "EUR", 100 * EUR, 1, new byte[32], "active", false, null, account, notified);
    BatchPlan below = plan(state, List.of(consumption("r1", 4 * EUR)));
    assertThat(below.outbox).extracting(OutboxMessage::type).doesNotContain("budget.exceeded");
    BatchPlan reached = plan(below.ledgers.get(0), List.of(consumption("r2", EUR)));
    assertThat(reached.outbox).extracting(OutboxMessage::type).containsOnlyOnce("budget.exceeded");
    BatchPlan after = plan(reached.ledgers.get(0), List.of(consumption("r3", EUR)));
    assertThat(after.outbox).extracting(OutboxMessage::type).doesNotContain("budget.exceeded");
  }

  @Test
  void an_invoiced_workspace_going_below_zero_is_not_depleted() {
    LedgerState.Account invoiced = new LedgerState.Account("invoice", null, null, null, null, UUID.randomUUID(), UUID.randomUUID(),
        LedgerState.Controls.NONE);
    BatchPlan plan = plan(new LedgerState(WS, "EUR", EUR, 1, new byte[32], "active", false, null, invoiced), List.of(consumption("r1", 2 * EUR)));
    assertThat(plan.ledgers.get(0).balance()).isEqualTo(-EUR);
    assertThat(plan.outbox).extracting(OutboxMessage::type).doesNotContain("workspace.balance_depleted");
  }

  @Test
  void a_job_in_another_currency_than_its_ledger_is_refused() {
    LedgerJob usd = new LedgerJob.Consumption(WS, "USD", "r1", "1xCPU-1GB", NOW, EUR);
    assertThatThrownBy(() -> plan(state(0, null), List.of(usd))).isInstanceOf(IllegalArgumentException.class);
  }

  private BatchPlan plan(LedgerState state, List<LedgerJob> jobs) {
    return BatchPlanner.plan(jobs, input(state, List.of()));
  }

  private BatchPlanner.Input input(LedgerState state, List<Lot> lots) {
    return new BatchPlanner.Input(Map.of(WS, state), Map.of(WS, new ArrayList<>(lots)), Set.of(), charges, Set.of(), NOW, 4);
  }

  private static LedgerState state(long balance, LedgerState.Account account) {
    return new LedgerState(WS, "EUR", balance, balance == 0 ? 0 : 1, new byte[32], "active", false, null,
        account == null ? LedgerState.Account.NONE : account);
  }

  private LedgerJob topUp(UUID id, long amount, boolean approved) {
    charges.put(id, new PaymentProvider.Charge(approved, approved ? null : "card_declined"));
    return new LedgerJob.TopUp(id, WS, "EUR", amount, "card", "manual");
  }

  private LedgerJob autoTopUp(UUID id, long amount, boolean approved) {
    charges.put(id, new PaymentProvider.Charge(approved, approved ? null : "card_declined"));
    return new LedgerJob.TopUp(id, WS, "EUR", amount, "card", "auto");
  }

  private static LedgerJob grant(UUID id, long amount, Instant expiresAt) {
    return new LedgerJob.CreditGrant(id, WS, "EUR", amount, "welcome", expiresAt);
  }

  private static LedgerJob consumption(String resource, long amount) {
    return new LedgerJob.Consumption(WS, "EUR", resource, "1xCPU-1GB", NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS), amount);
  }

  private static LedgerJob usage(UUID batch, long amount) {
    return new LedgerJob.Usage(batch, WS, "EUR", NOW.minusSeconds(60), Map.of("object-storage-gb-hour", amount), Map.of());
  }
}
