package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingMetrics;
import io.atrium.billing.BillingReconcilers;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Top-ups end: checked before the card is charged, and re-queued by the reconciler when their job was lost or slow (then
 * both jobs arrive, and the top-up is credited once).
 */
class TopUpRecoveryIT {

  @RegisterExtension
  static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());

  private static final Duration WAIT = Duration.ofSeconds(20);
  private LedgerHarness h; // given by LEDGER before each test
  private BillingReconcilers reconcilers;

  @BeforeEach
  void reconcilers() {
    reconcilers = new BillingReconcilers(h.vertx, h.pool, h.config, h.clock);
  }

  @Test
  void aTopUpForAClosedAccountFailsWithoutChargingTheCard() throws Exception {
    UUID ws = h.workspace();
    String card = h.card("tok_visa");
    h.account(ws, "card", card, null, null, null);
    h.pool.preparedQuery("UPDATE billing.accounts SET closed_at = now() WHERE workspace_id = $1").execute(Tuple.of(ws)).await();
    OutboxMessage job = h.topUp(ws, 50 * EUR, card);
    h.send(job);

    UUID id = LedgerHarness.topUpId(job);
    await("the top-up's end", WAIT, () -> !h.topUpRow(id).getString("status").equals("pending"));
    Row row = h.topUpRow(id);
    assertThat(row.getString("status")).isEqualTo("failed");
    assertThat(row.getString("failure_reason")).isEqualTo("account_closed");
    assertThat(charges(id)).as("the card was never charged").isZero();
    assertThat(h.entries(ws)).isEmpty();
  }

  @Test
  void aTopUpWhoseJobWasLostIsReQueuedAndSucceedsOnce() throws Exception {
    UUID ws = h.workspace();
    String card = h.card("tok_visa");
    h.account(ws, "card", card, null, null, null);
    UUID stuck = pendingTopUp(ws, 25 * EUR, card, Duration.ofMinutes(15));
    UUID fresh = pendingTopUp(ws, 10 * EUR, card, Duration.ofMinutes(2));
    double requeued = BillingMetrics.count("atrium.reconciler.actions", "reconciler", "top_ups", "action", "requeued");

    reconcilers.runOnce().await();
    await("the stuck top-up's end", WAIT, () -> h.topUpRow(stuck).getString("status").equals("succeeded"));
    assertThat(h.balance(ws)).isEqualTo(25 * EUR);
    assertThat(h.topUpRow(fresh).getString("status")).as("younger than the threshold: left alone").isEqualTo("pending");
    // The original job was only slow: it arrives after the re-queued one (a grant behind it on the same partition marks when).
    h.send(topUpJob(ws, stuck, 25 * EUR, card), h.grant(ws, 1 * EUR, null));
    await("the grant behind the original job", WAIT, () -> h.balance(ws) == 26 * EUR);
    assertThat(h.entries(ws).stream().filter(e -> e.getString("type").equals("top_up")).count()).as("credited once").isEqualTo(1);
    assertThat(BillingMetrics.count("atrium.reconciler.actions", "reconciler", "top_ups", "action", "requeued")).isEqualTo(requeued + 1);

    // Later the fresh one is stuck too; the succeeded one is not queued again.
    h.clock.advance(Duration.ofMinutes(10));
    try {
      reconcilers.runOnce().await();
      await("the second top-up's end", WAIT, () -> h.topUpRow(fresh).getString("status").equals("succeeded"));
    } finally {
      h.clock.advance(Duration.ofMinutes(-10));
    }
    assertThat(h.balance(ws)).isEqualTo(36 * EUR);
    assertThat(h.entries(ws)).hasSize(3);
  }

  @Test
  void aTopUpForAWorkspaceWithoutAnAccountFailsWithoutChargingTheCard() throws Exception {
    UUID ws = h.workspace();
    String card = h.card("tok_visa");
    UUID id = pendingTopUp(ws, 30 * EUR, card, Duration.ZERO);
    h.send(topUpJob(ws, id, 30 * EUR, card));

    await("the top-up's end", WAIT, () -> !h.topUpRow(id).getString("status").equals("pending"));
    assertThat(h.topUpRow(id).getString("status")).isEqualTo("failed");
    assertThat(h.topUpRow(id).getString("failure_reason")).isEqualTo("invalid_top_up");
    assertThat(charges(id)).as("the card was never charged").isZero();
    assertThat(h.entries(ws)).isEmpty();
  }

  @Test
  void aRefusedTopUpInAnotherCurrencyDoesNotSetTheCurrencyOfANewLedger() throws Exception {
    UUID ws = h.workspace();
    String card = h.card("tok_visa");
    h.account(ws, "card", card, null, null, null); // a EUR workspace, no money moved yet
    UUID id = pendingTopUp(ws, 30 * EUR, card, Duration.ZERO);
    OutboxMessage dollars = topUpJob(ws, id, 30 * EUR, card);
    dollars.payload().put("currency", "USD");
    h.send(dollars, h.grant(ws, 5 * EUR, null));

    await("the grant behind it", WAIT, () -> h.balance(ws) == 5 * EUR);
    assertThat(h.topUpRow(id).getString("failure_reason")).isEqualTo("currency_mismatch");
    assertThat(h.ledger(ws).getString("currency")).isEqualTo("EUR");
    assertThat(charges(id)).isZero();
  }

  @Test
  void anAutoTopUpFlagWhoseTopUpEndedIsCleared() throws Exception {
    UUID ws = h.workspace();
    UUID ended = flaggedAutoTopUp(ws);
    h.pool.preparedQuery("UPDATE billing.top_ups SET status = 'failed', failure_reason = 'card_declined' WHERE id = $1").execute(Tuple.of(ended)).await();

    reconcilers.runOnce().await(); // finds the flag and asks the worker to clear it
    await("the flag cleared", WAIT, () -> h.ledger(ws).getUUID("auto_top_up_pending") == null);
  }

  @Test
  void aFlagThatNamesAPendingOrNewerTopUpStays() throws Exception {
    UUID ws = h.workspace();
    UUID pending = flaggedAutoTopUp(ws);

    reconcilers.runOnce().await();
    // A late job for a top-up the flag no longer names, then a grant behind it: the flag still names the pending one.
    h.send(h.job(ws, BillingJobs.AUTO_TOP_UP_ENDED, new JsonObject().put("topUpId", UUID.randomUUID().toString())),
        h.grant(ws, EUR, null));
    await("the jobs", WAIT, () -> h.lastSeq(ws) == 2);
    assertThat(h.ledger(ws).getUUID("auto_top_up_pending")).isEqualTo(pending);
  }

  /** A ledger with 5.00 on it whose auto top-up flag names a pending top-up (answered). */
  private UUID flaggedAutoTopUp(UUID ws) throws Exception {
    h.send(h.grant(ws, 5 * EUR, null));
    await("the ledger", WAIT, () -> h.lastSeq(ws) == 1);
    UUID topUp = pendingTopUp(ws, 10 * EUR, "sandbox_card_tok_visa_x", Duration.ZERO);
    h.pool.preparedQuery("UPDATE billing.ledgers SET auto_top_up_pending = $2 WHERE workspace_id = $1").execute(Tuple.of(ws, topUp)).await();
    return topUp;
  }

  /** A pending top-up row as the API writes it, {@code age} before the clock, whose job never reached the queue. */
  private UUID pendingTopUp(UUID ws, long amount, String card, Duration age) {
    UUID id = UUID.randomUUID();
    h.pool.preparedQuery("""
            INSERT INTO billing.top_ups (id, workspace_id, amount, kind, status, created_at, card_reference)
            VALUES ($1, $2, $3, 'manual', 'pending', $4, $5)""")
        .execute(Tuple.of(id, ws, amount, LedgerHarness.utc(h.clock.instant().minus(age)), card)).await();
    return id;
  }

  /** The job of a top-up row, as the API appends it. */
  private OutboxMessage topUpJob(UUID ws, UUID topUp, long amount, String card) {
    return h.job(ws, BillingJobs.TOP_UP, new JsonObject().put("topUpId", topUp.toString()).put("amount", amount)
        .put("cardReference", card).put("kind", "manual"));
  }

  private long charges(UUID topUp) {
    return h.pool.preparedQuery("SELECT count(*) FROM billing.sandbox_charges WHERE idempotency_key = $1").execute(Tuple.of(topUp.toString()))
        .await().iterator().next().getLong(0);
  }
}
