package io.atrium.worker;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingNotifications;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spend controls of billing-7 as the ledger applies them: a safe automatic top-up (one charge per crossing, sized to the
 * target, a monthly cap, off after 3 declines), a budget that suspends invoiced workspaces too, and alerts that fire once.
 */
class SpendControlsIT {

  // Wide batches: a burst published at once is applied as one batch.
  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of("billing.batchMillis", 500));

  private static final Duration WAIT = Duration.ofSeconds(20);
  private LedgerHarness h; // given by LEDGER before each test

  @Test
  void a_burst_far_below_the_threshold_makes_one_charge_sized_to_reach_the_target() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, 50 * EUR, null);
    h.setAccount(ws, "auto_top_up_mode = 'target', auto_top_up_target = $2, auto_top_up_set_at = now()", 100 * EUR);
    h.send(h.grant(ws, 60 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);

    OutboxMessage[] burst = new OutboxMessage[20];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = h.consumption(ws, "r" + i, h.clock.instant(), 5 * EUR); // -40.00 in all
    }
    h.send(burst);
    await("the burst and the top-up", WAIT, () -> h.lastSeq(ws) == 22 && h.ledger(ws).getUUID("auto_top_up_pending") == null);
    Thread.sleep(1000); // a second charge would be on its way by now
    assertThat(autoTopUps(ws)).containsExactly("succeeded 140000000");
    assertThat(h.balance(ws)).isEqualTo(100 * EUR);
    assertThat(h.events(ws, BillingEvents.TOP_UP_SUCCEEDED)).singleElement()
        .satisfies(e -> assertThat(e.getJsonObject("data").getString("amount")).isEqualTo("140.00"));
  }

  @Test
  void a_fixed_top_up_that_leaves_the_balance_below_the_threshold_is_not_charged_again_until_the_next_crossing() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, 100 * EUR, 20 * EUR);
    h.setAccount(ws, "auto_top_up_mode = 'fixed', auto_top_up_set_at = now()");
    h.send(h.grant(ws, 150 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(h.consumption(ws, "r1", h.clock.instant(), 100 * EUR)); // 50.00: the crossing
    await("the charge", WAIT, () -> h.lastSeq(ws) == 3 && h.ledger(ws).getUUID("auto_top_up_pending") == null);
    assertThat(h.balance(ws)).isEqualTo(70 * EUR);

    h.send(h.reevaluate(ws)); // the sweep, a PUT of the alerts…
    h.send(h.reevaluate(ws));
    h.send(h.consumption(ws, "r2", h.clock.instant(), EUR));
    await("the debit", WAIT, () -> h.lastSeq(ws) == 4);
    Thread.sleep(1000); // a second charge would be on its way by now
    assertThat(autoTopUps(ws)).containsExactly("succeeded 20000000");
    assertThat(h.ledger(ws).getBoolean("auto_top_up_armed")).isFalse();

    h.send(h.grant(ws, 40 * EUR, null)); // 109.00: above again
    await("the second grant", WAIT, () -> h.lastSeq(ws) == 5);
    h.send(h.consumption(ws, "r3", h.clock.instant(), 10 * EUR)); // 99.00: the next crossing
    await("the next charge", WAIT, () -> autoTopUps(ws).size() == 2 && h.ledger(ws).getUUID("auto_top_up_pending") == null);
    assertThat(autoTopUps(ws)).containsExactly("succeeded 20000000", "succeeded 20000000");
  }

  @Test
  void the_months_automatic_top_ups_never_exceed_the_monthly_cap() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, 10 * EUR, 20 * EUR);
    h.setAccount(ws, "auto_top_up_mode = 'fixed', auto_top_up_monthly_cap = $2, auto_top_up_set_at = now()", 30 * EUR);
    h.send(h.grant(ws, 11 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(h.consumption(ws, "r1", h.clock.instant(), 2 * EUR)); // 9.00: 20.00 of the 30.00
    await("the first charge", WAIT, () -> h.lastSeq(ws) == 3);
    h.send(h.consumption(ws, "r2", h.clock.instant(), 20 * EUR)); // 9.00 again: what the cap leaves, 10.00
    await("the second charge", WAIT, () -> h.lastSeq(ws) == 5);
    h.send(h.consumption(ws, "r3", h.clock.instant(), 10 * EUR)); // 9.00 again: the cap is used up
    await("the third debit", WAIT, () -> h.lastSeq(ws) == 6);
    Thread.sleep(1000);
    assertThat(autoTopUps(ws)).containsExactlyInAnyOrder("succeeded 20000000", "succeeded 10000000");
    assertThat(h.balance(ws)).isEqualTo(9 * EUR);

    h.clock.advance(Duration.ofDays(5)); // December: a new month's cap
    h.send(h.consumption(ws, "r4", h.clock.instant(), EUR));
    await("December's charge", WAIT, () -> h.lastSeq(ws) == 8);
    assertThat(h.balance(ws)).isEqualTo(28 * EUR);
  }

  @Test
  void three_declines_in_a_row_turn_auto_top_up_off_and_tell_the_admins_until_it_is_saved_again() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_chargeDeclined"), null, 10 * EUR, 20 * EUR);
    h.setAccount(ws, "auto_top_up_mode = 'fixed', auto_top_up_set_at = $2", LedgerHarness.utc(Instant.parse("2026-11-01T00:00:00Z")));
    h.send(h.grant(ws, 15 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    for (int i = 1; i <= 4; i++) {
      int n = i;
      h.send(h.consumption(ws, "r" + i, h.clock.instant(), EUR * (i == 1 ? 6 : 1)));
      await("debit " + i, WAIT, () -> h.lastSeq(ws) == 1 + n && h.ledger(ws).getUUID("auto_top_up_pending") == null
          && autoTopUps(ws).size() == Math.min(n, 3) && !autoTopUps(ws).contains("pending 20000000"));
    }
    Thread.sleep(1000);
    assertThat(autoTopUps(ws)).containsExactly("failed 20000000", "failed 20000000", "failed 20000000");
    assertThat(h.ledger(ws).getValue("auto_top_up_disabled_at")).isNotNull();
    await("the mail notification", WAIT, () -> h.notifications(ws, BillingNotifications.AUTO_TOP_UP_DISABLED).size() == 1);
    assertThat(h.notifications(ws, BillingNotifications.AUTO_TOP_UP_DISABLED).get(0).getInteger("declines")).isEqualTo(3);
    await("three failure events", WAIT, () -> h.events(ws, BillingEvents.TOP_UP_FAILED).size() == 3);

    // Saved again (a new card, a new auto_top_up_set_at): on again with the next debit.
    h.setAccount(ws, "card_reference = $2, auto_top_up_set_at = $3", h.card("tok_visa"), LedgerHarness.utc(h.clock.instant()));
    h.send(h.consumption(ws, "r9", h.clock.instant(), EUR));
    await("the charge", WAIT, () -> autoTopUps(ws).contains("succeeded 20000000"));
    assertThat(autoTopUps(ws)).hasSize(4);
  }

  @Test
  void a_suspend_budget_suspends_an_invoiced_workspace_at_the_budget_and_raising_it_or_a_new_month_resumes_it() throws Exception {
    UUID ws = h.workspace();
    UUID invoiceAccount = UUID.randomUUID();
    h.account(ws, "invoice", null, null, null, null);
    h.setAccount(ws, "invoice_account_id = $2, budget_monthly = $3, budget_action = 'suspend'", invoiceAccount, 10 * EUR);
    h.send(h.consumption(ws, "r1", h.clock.instant(), 4 * EUR));
    await("4.00", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(h.consumption(ws, "r2", h.clock.instant(), 5_999_999));
    await("9.999999", WAIT, () -> h.lastSeq(ws) == 2);
    Thread.sleep(500);
    assertThat(h.ledger(ws).getString("status")).as("not before the budget").isEqualTo("active");
    assertThat(h.events(ws, BillingEvents.BUDGET_EXCEEDED)).isEmpty();

    h.send(h.consumption(ws, "r3", h.clock.instant(), 1)); // 10.00: the budget
    await("the suspension", WAIT, () -> h.notifications(ws).contains(BillingNotifications.SUSPENDED));
    assertThat(h.ledger(ws).getString("status")).isEqualTo("suspended");
    await("the events", WAIT, () -> h.events(ws, BillingEvents.SUSPENDED).size() == 1 && h.events(ws, BillingEvents.BUDGET_EXCEEDED).size() == 1);
    JsonObject exceeded = h.events(ws, BillingEvents.BUDGET_EXCEEDED).get(0).getJsonObject("data");
    assertThat(exceeded.getLong("ledgerSeq")).isEqualTo(3);
    assertThat(exceeded.getString("entryHash")).isEqualTo(h.entryHash(ws, 3));
    assertThat(exceeded.getString("monthSpend")).isEqualTo("10.00");
    assertThat(exceeded.getString("budget")).isEqualTo("10.00");
    assertThat(h.events(ws, BillingEvents.SUSPENDED).get(0).getJsonObject("data").getString("reason")).isEqualTo("budget");
    await("the mail notification", WAIT, () -> h.notifications(ws, BillingNotifications.SPEND_ALERT).size() == 1);
    assertThat(kinds(h.notifications(ws, BillingNotifications.SPEND_ALERT).get(0))).containsExactly("budget");

    // Raised: the API's settings change queues a reevaluation in its transaction.
    h.setAccount(ws, "budget_monthly = $2", 20 * EUR);
    h.send(h.reevaluate(ws));
    await("the resumption", WAIT, () -> h.notifications(ws).contains(BillingNotifications.RESUMED));
    assertThat(h.ledger(ws).getString("status")).isEqualTo("active");
    await("its event", WAIT, () -> h.events(ws, BillingEvents.RESUMED).size() == 1);
    assertThat(h.events(ws, BillingEvents.RESUMED).get(0).getJsonObject("data").getLong("ledgerSeq")).isEqualTo(3);

    // Lowered again: another budget, reached: suspended and told again; the next month resumes it (the sweep).
    h.setAccount(ws, "budget_monthly = $2", 10 * EUR);
    h.send(h.reevaluate(ws));
    await("suspended again", WAIT, () -> h.ledger(ws).getString("status").equals("suspended"));
    h.clock.advance(Duration.ofDays(4)); // 2026-12-01
    LedgerSweep sweep = new LedgerSweep(h.pool, h.config, h.clock, Duration.ofHours(1));
    assertThat(sweep.sweep().await()).contains(ws);
    await("December resumes it", WAIT, () -> h.ledger(ws).getString("status").equals("active"));
    await("its notification", WAIT, () -> h.notifications(ws).size() == 6);
    assertThat(h.events(ws, BillingEvents.BUDGET_EXCEEDED)).extracting(e -> e.getJsonObject("data").getString("budget"))
        .containsExactly("10.00", "10.00");
    // One transaction's notifications may come in either order; the status changes, each its own transaction, in theirs.
    assertThat(h.notifications(ws)).filteredOn(type -> !type.equals(BillingNotifications.SPEND_ALERT)).containsExactly(
        BillingNotifications.SUSPENDED, BillingNotifications.RESUMED, BillingNotifications.SUSPENDED, BillingNotifications.RESUMED);
  }

  @Test
  void alerts_one_batch_fires_are_one_notification_listing_them_and_each_its_own_event() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    h.setAccount(ws, "runway_days = 7, budget_monthly = $2, budget_action = 'notify'", 2 * EUR);
    h.alert(ws, "spend_month", EUR);
    h.alert(ws, "balance_below", 5 * EUR);
    h.send(h.grant(ws, 10 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(h.consumption(ws, "r1", h.clock.instant(), 6 * EUR)); // 4.00 left at 6.00 a week: every alert at once

    await("the events", WAIT, () -> h.events(ws).size() == 4);
    assertThat(h.events(ws)).extracting(e -> e.getString("type")).containsExactlyInAnyOrder(BillingEvents.BUDGET_EXCEEDED,
        BillingEvents.SPEND_THRESHOLD_REACHED, BillingEvents.SPEND_THRESHOLD_REACHED, BillingEvents.RUNWAY_LOW);
    await("the notification", WAIT, () -> h.notifications(ws, BillingNotifications.SPEND_ALERT).size() == 1);
    Thread.sleep(500);
    assertThat(h.notifications(ws, BillingNotifications.SPEND_ALERT)).as("one for the batch").hasSize(1);
    JsonObject alert = h.notifications(ws, BillingNotifications.SPEND_ALERT).get(0);
    assertThat(kinds(alert)).containsExactlyInAnyOrder("budget", "spend_month", "balance_below", "runway_days");
    assertThat(alert.getLong("ledgerSeq")).isEqualTo(2);
    assertThat(alert.getString("balance")).isEqualTo("4.00");
    assertThat(alert.getString("monthSpend")).isEqualTo("6.00");
    assertThat(alert.getLong("runwayDays")).isEqualTo(4);
  }

  /** The kinds of the alerts a spend-alert notification lists. */
  private static List<String> kinds(JsonObject notification) {
    return notification.getJsonArray("alerts").stream().map(a -> ((JsonObject) a).getString("kind")).toList();
  }

  @Test
  void a_month_spend_alert_fires_once_a_month() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    h.alert(ws, "spend_month", 5 * EUR);
    h.send(h.grant(ws, 100 * EUR, null));
    for (int i = 1; i <= 3; i++) {
      int n = i;
      h.send(h.consumption(ws, "r" + i, h.clock.instant(), 3 * EUR));
      await("debit " + i, WAIT, () -> h.lastSeq(ws) == 1 + n);
    }
    await("the alert", WAIT, () -> h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED).size() == 1);
    JsonObject data = h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED).get(0).getJsonObject("data");
    assertThat(data.getString("kind")).isEqualTo("spend_month");
    assertThat(data.getString("amount")).isEqualTo("5.00");
    assertThat(data.getString("monthSpend")).isEqualTo("6.00");
    assertThat(data.getLong("ledgerSeq")).isEqualTo(3);
    assertThat(data.getString("entryHash")).isEqualTo(h.entryHash(ws, 3));

    h.clock.advance(Duration.ofDays(5)); // December
    h.send(h.consumption(ws, "r4", h.clock.instant(), 3 * EUR), h.consumption(ws, "r5", h.clock.instant(), 3 * EUR));
    await("December's alert", WAIT, () -> h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED).size() == 2);
    Thread.sleep(500);
    await("two mail notifications", WAIT, () -> h.notifications(ws, BillingNotifications.SPEND_ALERT).size() == 2);
    assertThat(h.notifications(ws, BillingNotifications.SPEND_ALERT)).extracting(SpendControlsIT::kinds)
        .containsExactly(List.of("spend_month"), List.of("spend_month"));
  }

  @Test
  void a_balance_alert_fires_once_per_crossing() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    h.alert(ws, "balance_below", 5 * EUR);
    h.send(h.grant(ws, 10 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    long[] debits = {6, 1};
    for (int i = 0; i < debits.length; i++) {
      int n = i;
      h.send(h.consumption(ws, "r" + i, h.clock.instant(), debits[i] * EUR));
      await("debit " + i, WAIT, () -> h.lastSeq(ws) == 2 + n);
    }
    h.send(h.grant(ws, 10 * EUR, null)); // 13.00: above again
    await("the second grant", WAIT, () -> h.lastSeq(ws) == 4);
    h.send(h.consumption(ws, "r9", h.clock.instant(), 9 * EUR)); // 4.00: the second crossing
    await("two alerts", WAIT, () -> h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED).size() == 2);
    Thread.sleep(500);
    assertThat(h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED)).extracting(e -> e.getJsonObject("data").getLong("ledgerSeq"))
        .containsExactly(2L, 5L);
    assertThat(h.events(ws, BillingEvents.SPEND_THRESHOLD_REACHED)).allSatisfy(e -> {
      assertThat(e.getJsonObject("data").getString("kind")).isEqualTo("balance_below");
      assertThat(e.getJsonObject("data").getString("balance")).isEqualTo("4.00");
    });
    await("two mail notifications", WAIT, () -> h.notifications(ws, BillingNotifications.SPEND_ALERT).size() == 2);
  }

  @Test
  void runway_low_fires_when_the_days_left_at_the_last_weeks_rate_fall_to_the_setting() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    h.setAccount(ws, "runway_days = 3");
    h.send(h.grant(ws, 100 * EUR, null));
    h.send(h.consumption(ws, "r1", h.clock.instant(), 20 * EUR)); // 80.00 at 20.00 a week: 28 days
    await("the first debit", WAIT, () -> h.lastSeq(ws) == 2);
    h.send(h.consumption(ws, "r2", h.clock.instant(), 70 * EUR)); // 10.00 at 90.00 a week: 0.78 days, 0 whole days
    await("the second debit", WAIT, () -> h.lastSeq(ws) == 3);
    h.send(h.consumption(ws, "r3", h.clock.instant(), EUR));
    await("the third debit", WAIT, () -> h.lastSeq(ws) == 4);
    await("the alert", WAIT, () -> h.events(ws, BillingEvents.RUNWAY_LOW).size() == 1);
    Thread.sleep(500);
    JsonObject data = h.events(ws, BillingEvents.RUNWAY_LOW).get(0).getJsonObject("data");
    assertThat(h.events(ws, BillingEvents.RUNWAY_LOW)).hasSize(1);
    assertThat(data.getLong("ledgerSeq")).isEqualTo(3);
    assertThat(data.getInteger("runwayDays")).isEqualTo(3);
    assertThat(data.getLong("daysLeft")).as("0.78 days, rounded down").isZero();
    await("the mail notification", WAIT, () -> h.notifications(ws, BillingNotifications.SPEND_ALERT).size() == 1);
    assertThat(kinds(h.notifications(ws, BillingNotifications.SPEND_ALERT).get(0))).containsExactly("runway_days");
  }

  @Test
  void a_grant_expiring_counts_neither_toward_the_runways_rate_nor_the_month_spend_read_back_from_the_entries() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    h.setAccount(ws, "runway_days = 30");
    h.send(h.grant(ws, 100 * EUR, null), h.grant(ws, 50 * EUR, h.clock.instant().plus(Duration.ofMinutes(30))));
    h.send(h.consumption(ws, "r1", h.clock.instant(), 10 * EUR)); // 140.00 at 10.00 a week: 98 days
    await("the debit", WAIT, () -> h.lastSeq(ws) == 3);
    h.clock.advance(Duration.ofHours(1));
    h.send(h.reevaluate(ws)); // the grant expires: -50.00, an adjustment
    await("the expiry", WAIT, () -> h.lastSeq(ws) == 4);
    assertThat(h.entries(ws).get(3).getString("type")).isEqualTo("adjustment");
    // Rows from before billing-8 have no month: the next batch reads the month's spend from the entries.
    h.pool.preparedQuery("UPDATE billing.ledgers SET spend_month = NULL, month_spend = 0 WHERE workspace_id = $1").execute(Tuple.of(ws)).await();
    h.send(h.consumption(ws, "r2", h.clock.instant(), EUR)); // 89.00 at 11.00 a week: 56 days (61.00 with the expiry: 10)
    await("the second debit", WAIT, () -> h.lastSeq(ws) == 5);
    Thread.sleep(500);
    assertThat(h.events(ws, BillingEvents.RUNWAY_LOW)).isEmpty();
    assertThat(h.ledger(ws).getLong("month_spend")).isEqualTo(11 * EUR);
  }

  /** "status amount" of the workspace's automatic top-ups, oldest first. */
  private List<String> autoTopUps(UUID ws) {
    List<String> rows = new ArrayList<>();
    h.pool.preparedQuery("SELECT status, amount FROM billing.top_ups WHERE workspace_id = $1 AND kind = 'auto' ORDER BY created_at, completed_at")
        .execute(Tuple.of(ws)).await().forEach((Row r) -> rows.add(r.getString("status") + " " + r.getLong("amount")));
    return rows;
  }
}
