package io.atrium.worker;

import io.atrium.billing.BillingNotifications;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's rules end to end: outbox, relay, RabbitMQ, worker, PostgreSQL. */
class LedgerIT {

  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());

  private static final Duration WAIT = Duration.ofSeconds(15);
  private LedgerHarness h; // given by LEDGER before each test

  @Test
  void an_approved_top_up_credits_a_paid_lot_and_a_declined_one_fails_with_the_reason() throws Exception {
    UUID ws = h.workspace();
    OutboxMessage approved = h.topUp(ws, 50 * EUR, h.card("tok_visa"));
    OutboxMessage declined = h.topUp(ws, 20 * EUR, h.card("tok_chargeDeclined"));
    h.send(approved, declined);

    await("both top-ups", WAIT, () -> !h.topUpRow(LedgerHarness.topUpId(declined)).getString("status").equals("pending"));
    assertThat(h.topUpRow(LedgerHarness.topUpId(approved)).getString("status")).isEqualTo("succeeded");
    Row failed = h.topUpRow(LedgerHarness.topUpId(declined));
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("failure_reason")).isEqualTo("card_declined");
    assertThat(h.entries(ws)).singleElement().satisfies(e -> {
      assertThat(e.getString("type")).isEqualTo("top_up");
      assertThat(e.getLong("amount")).isEqualTo(50 * EUR);
      assertThat(e.getString("reference")).isEqualTo(LedgerHarness.topUpId(approved).toString());
    });
    assertThat(h.balance(ws)).isEqualTo(50 * EUR);
  }

  @Test
  void a_grant_is_spent_before_paid_credits_and_the_debit_names_it() throws Exception {
    UUID ws = h.workspace();
    OutboxMessage grant = h.grant(ws, 3 * EUR, h.clock.instant().plus(Duration.ofDays(7)));
    h.send(h.topUp(ws, 10 * EUR, h.card("tok_visa")), grant, h.consumption(ws, "r1", h.clock.instant(), 4 * EUR));

    await("three entries", WAIT, () -> h.lastSeq(ws) == 3);
    JsonObject funding = new JsonObject(h.entries(ws).get(2).getJsonObject("funding").encode());
    assertThat(funding.getJsonArray("lots").getJsonObject(0).getString("lot")).isEqualTo(grant.payload().getString("grantId"));
    assertThat(funding.getJsonArray("lots").getJsonObject(0).getLong("amount")).isEqualTo(3 * EUR);
    assertThat(funding.getJsonArray("lots").getJsonObject(1).getString("kind")).isEqualTo("paid");
    assertThat(funding.getJsonArray("lots").getJsonObject(1).getLong("amount")).isEqualTo(EUR);
    assertThat(h.entries(ws).get(2).getString("description")).isEqualTo("1xCPU-1GB server r1 2026-11-27T10:00Z");
    assertThat(h.balance(ws)).isEqualTo(9 * EUR);
  }

  @Test
  void an_expired_grant_is_taken_back_by_an_adjustment_before_the_next_job() throws Exception {
    UUID ws = h.workspace();
    h.send(h.grant(ws, 5 * EUR, h.clock.instant().plus(Duration.ofHours(1))), h.topUp(ws, 10 * EUR, h.card("tok_visa")));
    await("the grant and the top-up", WAIT, () -> h.lastSeq(ws) == 2);

    h.clock.advance(Duration.ofHours(2));
    h.send(h.consumption(ws, "r1", h.clock.instant(), EUR));

    await("the expiry and the debit", WAIT, () -> h.lastSeq(ws) == 4);
    Row adjustment = h.entries(ws).get(2);
    assertThat(adjustment.getString("type")).isEqualTo("adjustment");
    assertThat(adjustment.getLong("amount")).isEqualTo(-5 * EUR);
    assertThat(adjustment.getString("source_id")).startsWith("grant-expiry:");
    assertThat(h.balance(ws)).isEqualTo(9 * EUR);
  }

  @Test
  void the_same_resource_hour_and_a_redelivered_or_repeated_usage_batch_are_charged_once() throws Exception {
    UUID ws = h.workspace();
    OutboxMessage hour = h.consumption(ws, "r1", h.clock.instant(), 7_000);
    OutboxMessage usage = h.usage(ws, UUID.randomUUID(), 30);
    h.send(hour, usage);
    await("first application", WAIT, () -> h.lastSeq(ws) == 2);

    h.send(LedgerHarness.repeat(hour), usage, LedgerHarness.repeat(usage)); // the same message id, too: a redelivery
    OutboxMessage marker = h.consumption(ws, "r2", h.clock.instant(), 1);
    h.send(marker);

    await("the marker behind the repeats", WAIT, () -> h.lastSeq(ws) == 3);
    assertThat(h.balance(ws)).isEqualTo(-7_031);
    assertThat(h.entries(ws)).extracting(e -> e.getString("type")).containsExactly("consumption", "usage", "consumption");
  }

  @Test
  void a_prepaid_workspace_is_suspended_at_zero_and_resumes_after_a_top_up() throws Exception {
    UUID ws = h.workspace();
    h.send(h.grant(ws, 2 * EUR, null), h.consumption(ws, "r1", h.clock.instant(), 2 * EUR));
    await("suspension", WAIT, () -> h.ledger(ws) != null && h.ledger(ws).getString("status").equals("suspended"));

    h.send(h.topUp(ws, 10 * EUR, h.card("tok_visa")));
    await("resumption", WAIT, () -> h.ledger(ws).getString("status").equals("active"));
    await("both notifications", WAIT, () -> h.notifications(ws).size() == 2);
    assertThat(h.notifications(ws)).containsExactly(BillingNotifications.SUSPENDED, BillingNotifications.RESUMED);
  }

  @Test
  void low_balance_is_notified_once_per_crossing() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), 5 * EUR, null, null);
    h.send(h.grant(ws, 10 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    for (int i = 0; i < 3; i++) { // crosses at the second, stays below at the third
      int n = i;
      h.send(h.consumption(ws, "r" + i, h.clock.instant(), 3 * EUR));
      await("debit " + i, WAIT, () -> h.lastSeq(ws) == 2 + n);
    }
    h.send(h.grant(ws, 20 * EUR, null));
    await("back above", WAIT, () -> h.lastSeq(ws) == 5);
    h.send(h.consumption(ws, "r9", h.clock.instant(), 20 * EUR));
    await("second crossing", WAIT, () -> h.notifications(ws).size() == 2);
    Thread.sleep(200);
    assertThat(h.notifications(ws)).containsExactly(BillingNotifications.LOW_BALANCE, BillingNotifications.LOW_BALANCE);
  }

  @Test
  void at_most_one_auto_top_up_is_in_flight() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, 5 * EUR, 20 * EUR);
    h.send(h.grant(ws, 6 * EUR, null));
    await("the grant", WAIT, () -> h.lastSeq(ws) == 1);
    h.undeployRelay(); // the auto top-up's job stays in the outbox while more debits arrive straight from the broker
    for (int i = 0; i < 3; i++) {
      int n = i;
      h.publishDirectly(h.consumption(ws, "r" + i, h.clock.instant(), EUR));
      await("debit " + i, WAIT, () -> h.lastSeq(ws) == 2 + n);
    }
    assertThat(autoTopUps(ws)).singleElement().satisfies(r -> assertThat(r).isEqualTo("pending"));
    assertThat(h.ledger(ws).getUUID("auto_top_up_pending")).isNotNull();

    h.deployRelay();
    await("the auto top-up", WAIT, () -> h.ledger(ws).getUUID("auto_top_up_pending") == null);
    assertThat(autoTopUps(ws)).containsExactly("succeeded");
    assertThat(h.balance(ws)).isEqualTo(23 * EUR);
  }

  private List<String> autoTopUps(UUID ws) {
    List<String> statuses = new ArrayList<>();
    h.pool.preparedQuery("SELECT status FROM billing.top_ups WHERE workspace_id = $1 AND kind = 'auto'")
        .execute(io.vertx.sqlclient.Tuple.of(ws)).await().forEach(r -> statuses.add(r.getString("status")));
    return statuses;
  }

}
