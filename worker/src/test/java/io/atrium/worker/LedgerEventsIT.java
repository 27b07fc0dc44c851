package io.atrium.worker;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingJobs;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The billing events the ledger writes to the outbox in a batch's transaction (BillingEvents): each reaches the events
 * exchange under its organization and names the ledger head it happened at, which billing.entries holds.
 */
class LedgerEventsIT {

  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());

  private static final Duration WAIT = Duration.ofSeconds(20);
  private LedgerHarness h; // given by LEDGER before each test

  @Test
  void top_ups_low_balance_depletion_suspension_and_resumption_are_events_at_the_entry_that_made_them() throws Exception {
    UUID ws = h.workspace();
    String visa = h.card("tok_visa");
    h.account(ws, "card", visa, 5 * EUR, null, null);
    OutboxMessage first = h.topUp(ws, 10 * EUR, visa);
    h.send(first);
    await("the top-up", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(h.consumption(ws, "r1", h.clock.instant(), 7 * EUR)); // 3.00: below 5.00
    await("the first debit", WAIT, () -> h.lastSeq(ws) == 2);
    h.send(h.consumption(ws, "r2", h.clock.instant(), 5 * EUR)); // -2.00: depleted and suspended
    await("the second debit", WAIT, () -> h.lastSeq(ws) == 3);
    h.send(h.topUp(ws, 20 * EUR, visa), h.topUp(ws, 10 * EUR, h.card("tok_chargeDeclined")));

    await("seven events", WAIT, () -> h.events(ws).size() == 7);
    assertThat(h.events(ws)).extracting(e -> e.getString("type"), e -> e.getJsonObject("data").getLong("ledgerSeq")).containsExactlyInAnyOrder(
        tuple(BillingEvents.TOP_UP_SUCCEEDED, 1L), tuple(BillingEvents.BALANCE_LOW, 2L), tuple(BillingEvents.BALANCE_DEPLETED, 3L),
        tuple(BillingEvents.SUSPENDED, 3L), tuple(BillingEvents.TOP_UP_SUCCEEDED, 4L), tuple(BillingEvents.RESUMED, 4L),
        tuple(BillingEvents.TOP_UP_FAILED, 4L));
    UUID organization = h.organization(ws);
    for (JsonObject event : h.events(ws)) {
      JsonObject data = event.getJsonObject("data");
      assertThat(event.getString("organizationId")).isEqualTo(organization.toString());
      assertThat(data.getString("entryHash")).as(event.getString("type")).isEqualTo(h.entryHash(ws, data.getLong("ledgerSeq")));
    }
    JsonObject succeeded = h.events(ws, BillingEvents.TOP_UP_SUCCEEDED).stream()
        .filter(e -> e.getJsonObject("data").getLong("ledgerSeq") == 1).findFirst().orElseThrow().getJsonObject("data");
    assertThat(succeeded.getString("topUpId")).isEqualTo(LedgerHarness.topUpId(first).toString());
    assertThat(succeeded.getString("amount")).isEqualTo("10.00");
    assertThat(h.events(ws, BillingEvents.BALANCE_LOW).get(0).getJsonObject("data").getString("threshold")).isEqualTo("5.00");
    assertThat(h.events(ws, BillingEvents.BALANCE_DEPLETED).get(0).getJsonObject("data").getString("balance")).isEqualTo("-2.00");
    assertThat(h.events(ws, BillingEvents.TOP_UP_FAILED).get(0).getJsonObject("data").getString("failureReason")).isEqualTo("card_declined");
  }

  @Test
  void a_grant_is_announced_once_seven_days_before_it_expires_by_the_sweep_or_at_once() throws Exception {
    UUID ws = h.workspace();
    h.account(ws, "card", null, null, null, null);
    LedgerSweep sweep = new LedgerSweep(h.pool, h.config, h.clock, Duration.ofHours(1));
    h.vertx.deployVerticle(sweep).await();
    OutboxMessage later = h.grant(ws, 5 * EUR, h.clock.instant().plus(Duration.ofDays(10)));
    OutboxMessage soon = h.grant(ws, 3 * EUR, h.clock.instant().plus(Duration.ofDays(5)));
    h.send(later, soon);
    await("the grants", WAIT, () -> h.lastSeq(ws) == 2);
    await("the soon one's notice", WAIT, () -> h.events(ws, BillingEvents.CREDIT_GRANT_EXPIRING).size() == 1);
    assertThat(h.events(ws, BillingEvents.CREDIT_GRANT_EXPIRING).get(0).getJsonObject("data").getString("grantId"))
        .isEqualTo(soon.payload().getString("grantId"));

    h.clock.advance(Duration.ofDays(4)); // the later one expires in 6 days, the soon one in 1
    assertThat(sweep.sweep().await()).contains(ws);
    await("the later one's notice", WAIT, () -> h.events(ws, BillingEvents.CREDIT_GRANT_EXPIRING).size() == 2);
    JsonObject notice = h.events(ws, BillingEvents.CREDIT_GRANT_EXPIRING).get(1).getJsonObject("data");
    assertThat(notice.getString("grantId")).isEqualTo(later.payload().getString("grantId"));
    assertThat(notice.getString("amount")).isEqualTo("5.00");
    assertThat(notice.getString("expiresAt")).isEqualTo(later.payload().getString("expiresAt"));
    assertThat(notice.getLong("ledgerSeq")).isEqualTo(2);
    assertThat(notice.getString("entryHash")).isEqualTo(h.entryHash(ws, 2));
    assertThat(sweep.sweep().await()).as("both announced, none expired").doesNotContain(ws);

    h.clock.advance(Duration.ofDays(2)); // the soon one expired a day ago: the sweep takes it back without a job of the workspace
    assertThat(sweep.sweep().await()).contains(ws);
    await("the expiry", WAIT, () -> h.lastSeq(ws) == 3);
    Thread.sleep(300);
    assertThat(h.events(ws, BillingEvents.CREDIT_GRANT_EXPIRING)).hasSize(2);
    assertThat(h.balance(ws)).isEqualTo(5 * EUR);
  }

  @Test
  void an_issued_invoice_is_an_event_of_the_invoice_accounts_organization() throws Exception {
    UUID organization = UUID.randomUUID();
    UUID account = UUID.randomUUID();
    h.pool.preparedQuery("""
            INSERT INTO billing.invoice_accounts (id, organization_id, name, billing_email, address, vat_rate, created_at)
            VALUES ($1, $2, 'Ada Ltd', 'ap@example.com', '1 Way', 0.2, now())""").execute(Tuple.of(account, organization)).await();
    UUID ws = h.workspace();
    h.account(ws, "invoice", null, null, null, null);
    h.setAccount(ws, "invoice_account_id = $2", account);
    h.send(h.consumption(ws, "r1", h.clock.instant().minus(Duration.ofDays(30)), 10 * EUR));
    await("the debit", WAIT, () -> h.lastSeq(ws) == 1);
    h.send(OutboxMessage.billingJob(account, BillingJobs.INVOICE_RUN, new JsonObject().put("runId", UUID.randomUUID().toString())
        .put("invoiceAccountId", account.toString()).put("period", "2026-10"), h.config.integer("billing.partitions")));

    await("the event", WAIT, () -> h.events().stream().anyMatch(e -> e.getString("type").equals(BillingEvents.INVOICE_ISSUED)));
    JsonObject event = h.events().stream().filter(e -> e.getString("type").equals(BillingEvents.INVOICE_ISSUED)).findFirst().orElseThrow();
    var invoice = h.pool.preparedQuery("SELECT id, number FROM billing.invoices WHERE invoice_account_id = $1").execute(Tuple.of(account))
        .await().iterator().next();
    assertThat(event.getString("organizationId")).isEqualTo(organization.toString());
    JsonObject data = event.getJsonObject("data");
    assertThat(data.getString("invoiceId")).isEqualTo(invoice.getUUID("id").toString());
    assertThat(data.getString("number")).isEqualTo(invoice.getString("number"));
    assertThat(data.getString("period")).isEqualTo("2026-10");
    assertThat(data.getString("currency")).isEqualTo("EUR");
    assertThat(data.getString("total")).isEqualTo("12.00");
    assertThat(data.getJsonArray("workspaceIds").getList()).containsExactly(ws.toString());
    await("the settlement", WAIT, () -> h.lastSeq(ws) == 2);
  }
}
