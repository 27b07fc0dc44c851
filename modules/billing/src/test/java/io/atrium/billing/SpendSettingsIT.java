package io.atrium.billing;

import io.atrium.platform.Codes;
import io.atrium.platform.Money;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's spend controls as the API stores them for the worker: auto top-up modes and cap, budget, alerts, the
 * re-evaluation job beside each change, refusals that name the field and write nothing, and the runway and month's
 * spend from the ledger's entries.
 */
class SpendSettingsIT extends BillingHarness {

  @Test
  void autoTopUpModesAreStoredForTheWorkerAndEachPutOfThemIsStamped() {
    JsonObject owner = user("Mona Modes");
    JsonObject ws = cardWorkspace(owner);
    JsonObject target = new JsonObject().put("mode", "target").put("threshold", "20").put("target", "100.5").put("monthlyCap", "300");
    JsonObject set = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("autoTopUp", target));
    assertThat(set.getJsonObject("autoTopUp")).isEqualTo(new JsonObject().put("mode", "target").put("threshold", "20.00")
        .put("target", "100.50").put("monthlyCap", "300.00").putNull("disabledAt"));
    Row row = account(ws);
    assertThat(row.getString("auto_top_up_mode")).isEqualTo("target");
    assertThat(row.getLong("auto_top_up_threshold")).isEqualTo(Money.parse("20"));
    assertThat(row.getLong("auto_top_up_amount")).isNull();
    assertThat(row.getLong("auto_top_up_target")).isEqualTo(Money.parse("100.5"));
    assertThat(row.getLong("auto_top_up_monthly_cap")).isEqualTo(Money.parse("300"));
    Instant firstSet = setAt(ws);
    assertThat(firstSet).isEqualTo(now());

    clock.advance(Duration.ofMinutes(1));
    JsonObject other = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("lowBalanceThreshold", "5"));
    assertThat(other.getJsonObject("autoTopUp")).isEqualTo(set.getJsonObject("autoTopUp"));
    assertThat(setAt(ws)).as("a PUT without autoTopUp keeps its stamp").isEqualTo(firstSet);

    clock.advance(Duration.ofMinutes(1));
    ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("autoTopUp", target));
    assertThat(setAt(ws)).as("the same setting again re-arms it").isEqualTo(now());

    clock.advance(Duration.ofMinutes(1));
    assertThat(ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).putNull("autoTopUp")).getValue("autoTopUp")).isNull();
    row = account(ws);
    assertThat(row.getString("auto_top_up_mode")).isNull();
    assertThat(row.getLong("auto_top_up_threshold")).isNull();
    assertThat(row.getLong("auto_top_up_target")).isNull();
    assertThat(row.getLong("auto_top_up_monthly_cap")).isNull();
    assertThat(setAt(ws)).isEqualTo(now());

    JsonObject job = new JsonObject().put("workspaceId", ws.getString("id")).put("currency", "EUR");
    assertThat(jobs(BillingJobs.REEVALUATE, ws.getString("id"))).containsExactly(job, job, job, job);
  }

  @Test
  void theOlderAutoTopUpShapeIsAFixedOneAndABudgetIsKeptUntilTurnedOff() {
    JsonObject owner = user("Olga Older");
    JsonObject ws = cardWorkspace(owner);
    JsonObject set = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws)
        .put("autoTopUp", new JsonObject().put("threshold", "5").put("amount", "25"))
        .put("budget", new JsonObject().put("monthly", "250").put("action", "suspend")));
    assertThat(set.getJsonObject("autoTopUp")).isEqualTo(new JsonObject().put("mode", "fixed").put("threshold", "5.00")
        .put("amount", "25.00").putNull("monthlyCap").putNull("disabledAt"));
    assertThat(set.getJsonObject("budget")).isEqualTo(new JsonObject().put("monthly", "250.00").put("action", "suspend")
        .put("spentThisMonth", "0.00"));
    assertThat(account(ws).getString("auto_top_up_mode")).isEqualTo("fixed");
    assertThat(account(ws).getLong("budget_monthly")).isEqualTo(Money.parse("250"));
    assertThat(account(ws).getString("budget_action")).isEqualTo("suspend");

    JsonObject kept = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("autoTopUp", new JsonObject().put("mode", "fixed")
        .put("threshold", "5").put("amount", "25").put("monthlyCap", "25")));
    assertThat(kept.getJsonObject("budget")).isEqualTo(set.getJsonObject("budget"));
    assertThat(kept.getJsonObject("autoTopUp").getString("monthlyCap")).isEqualTo("25.00");
    JsonObject off = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).putNull("budget"));
    assertThat(off.getValue("budget")).isNull();
    assertThat(off.getJsonObject("autoTopUp")).isEqualTo(kept.getJsonObject("autoTopUp"));
    assertThat(account(ws).getLong("budget_monthly")).isNull();
    assertThat(account(ws).getString("budget_action")).isNull();
  }

  @Test
  void badSettingsNameTheirFieldAndWriteNothing() {
    JsonObject owner = user("Rita Refused");
    JsonObject ws = cardWorkspace(owner);
    JsonObject before = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("lowBalanceThreshold", "7")
        .put("autoTopUp", new JsonObject().put("threshold", "5").put("amount", "20"))
        .put("budget", new JsonObject().put("monthly", "100").put("action", "notify")));
    int jobsBefore = jobs(BillingJobs.REEVALUATE, ws.getString("id")).size();

    refused(ws, owner, auto("target", "50", null, "59.99", null), "autoTopUp.target");
    refused(ws, owner, auto("target", "50", null, null, null), "autoTopUp.target");
    refused(ws, owner, auto("fixed", "5", "20", "30", null), "autoTopUp.target");
    refused(ws, owner, auto("target", "5", "20", "30", null), "autoTopUp.amount");
    refused(ws, owner, auto(null, "5", "9.99", null, null), "autoTopUp.amount");
    refused(ws, owner, auto("weekly", "5", "20", null, null), "autoTopUp.mode");
    refused(ws, owner, auto(null, "-1", "20", null, null), "autoTopUp.threshold");
    refused(ws, owner, auto(null, "5", "20", null, "19.99"), "autoTopUp.monthlyCap");
    refused(ws, owner, auto("target", "5", null, "30", "9.99"), "autoTopUp.monthlyCap");
    refused(ws, owner, auto(null, "5", "20", null, "lots"), "autoTopUp.monthlyCap");
    refused(ws, owner, new JsonObject().put("autoTopUp", "on"), "autoTopUp");
    refused(ws, owner, new JsonObject().put("budget", new JsonObject().put("monthly", "100").put("action", "pause")), "budget.action");
    refused(ws, owner, new JsonObject().put("budget", new JsonObject().put("monthly", "0").put("action", "notify")), "budget.monthly");
    refused(ws, owner, new JsonObject().put("budget", new JsonObject().put("action", "notify")), "budget.monthly");
    refused(ws, owner, new JsonObject().put("budget", 100), "budget");
    // A good field beside a bad one is not stored either.
    Rejection both = rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("lowBalanceThreshold", "1")
        .put("autoTopUp", auto("target", "50", null, "55", null).getJsonObject("autoTopUp"))
        .put("budget", new JsonObject().put("monthly", "1").put("action", "stop")));
    assertThat(both.errors()).extracting(Rejection.FieldError::field).containsExactlyInAnyOrder("autoTopUp.target", "budget.action");

    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws))).isEqualTo(before);
    assertThat(jobs(BillingJobs.REEVALUATE, ws.getString("id"))).hasSize(jobsBefore);
  }

  @Test
  void anAutoTopUpNeedsACardLikeATopUp() {
    JsonObject owner = user("Nick NoCard");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject auto = auto(null, "5", "20", null, null);
    assertThat(rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).mergeIn(auto)).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
    billByInvoice(owner, ws);
    assertThat(rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).mergeIn(auto).put("lowBalanceThreshold", "3")).code())
        .isEqualTo(Codes.CONFLICT);
    assertThat(account(ws).getLong("low_balance_threshold")).as("nothing of the refused change").isNull();
    JsonObject invoiced = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).putNull("autoTopUp")
        .put("budget", new JsonObject().put("monthly", "1000").put("action", "suspend")));
    assertThat(invoiced.getJsonObject("budget").getString("action")).isEqualTo("suspend");
    assertThat(invoiced.getValue("runwayDays")).isNull();
  }

  @Test
  void alertsAreReplacedWholeAndRefusedFieldByField() {
    JsonObject owner = user("Alma Alerts");
    JsonObject ws = workspace(owner, organization(owner));
    assertThat(ask(BillingAddresses.GET_ALERTS, in(owner, ws))).isEqualTo(new JsonObject().put("thresholds", new JsonArray()).putNull("runwayDays"));
    JsonArray three = new JsonArray().add(threshold("spend_month", "500")).add(threshold("balance_below", "20.5"))
        .add(threshold("spend_month", "100"));
    JsonObject stored = ask(BillingAddresses.REPLACE_ALERTS, in(owner, ws).put("thresholds", three).put("runwayDays", 14));
    JsonObject expected = new JsonObject().put("thresholds", new JsonArray().add(threshold("balance_below", "20.50"))
        .add(threshold("spend_month", "100.00")).add(threshold("spend_month", "500.00"))).put("runwayDays", 14);
    assertThat(stored).isEqualTo(expected);
    assertThat(ask(BillingAddresses.GET_ALERTS, in(owner, ws))).isEqualTo(expected);
    assertThat(count("SELECT count(*) FROM billing.alert_thresholds WHERE workspace_id = $1::uuid", ws.getString("id"))).isEqualTo(3);
    assertThat(account(ws).getInteger("runway_days")).isEqualTo(14);

    refusedAlerts(ws, owner, new JsonArray().add(threshold("spend_day", "5")), 7, "thresholds[0].kind");
    refusedAlerts(ws, owner, new JsonArray().add(threshold("spend_month", "0")), 7, "thresholds[0].amount");
    refusedAlerts(ws, owner, new JsonArray().add(threshold("spend_month", "100")).add(threshold("spend_month", "100.00")), 7, "thresholds[1]");
    refusedAlerts(ws, owner, new JsonArray().add("spend_month"), 7, "thresholds[0]");
    JsonArray eleven = new JsonArray();
    for (int i = 1; i <= 11; i++) {
      eleven.add(threshold("balance_below", String.valueOf(i)));
    }
    refusedAlerts(ws, owner, eleven, 7, "thresholds");
    refusedAlerts(ws, owner, null, 7, "thresholds");
    refusedAlerts(ws, owner, new JsonArray(), 0, "runwayDays");
    refusedAlerts(ws, owner, new JsonArray(), 366, "runwayDays");
    refusedAlerts(ws, owner, new JsonArray(), "7", "runwayDays");
    refusedAlerts(ws, owner, new JsonArray(), 7.5, "runwayDays");
    assertThat(ask(BillingAddresses.GET_ALERTS, in(owner, ws))).as("no refused PUT changed them").isEqualTo(expected);

    JsonObject none = ask(BillingAddresses.REPLACE_ALERTS, in(owner, ws).put("thresholds", new JsonArray()));
    assertThat(none).isEqualTo(new JsonObject().put("thresholds", new JsonArray()).putNull("runwayDays"));
    assertThat(count("SELECT count(*) FROM billing.alert_thresholds WHERE workspace_id = $1::uuid", ws.getString("id"))).isZero();
    assertThat(jobs(BillingJobs.REEVALUATE, ws.getString("id"))).hasSize(2);
    assertThat(rejection(BillingAddresses.GET_ALERTS, in(user("Sam Stranger"), ws)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void theRunwayAndTheMonthsSpendCountDebitsByWhenTheyOccurred() {
    JsonObject owner = user("Rhea Runway");
    JsonObject ws = cardWorkspace(owner);
    Instant now = clock.instant();
    Instant windowStart = Runway.windowStart(now);
    Instant monthStart = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    UUID id = UUID.fromString(ws.getString("id"));
    JsonObject budget = new JsonObject().put("monthly", "50").put("action", "notify");
    JsonObject quiet = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("budget", budget));
    assertThat(quiet.getValue("runwayDays")).as("no debits, no rate").isNull();

    Instant anHourAgo = now.minus(Duration.ofHours(1));
    entry(id, 1, "top_up", "100", "100", windowStart.minus(Duration.ofDays(3)));
    entry(id, 2, "usage", "-7", "93", windowStart);                          // the window's first instant
    entry(id, 3, "usage", "-1", "92", windowStart.minusNanos(1000));         // a micro-second before it
    entry(id, 4, "consumption", "-3.5", "88.5", anHourAgo);
    entry(id, 5, "invoice", "2", "90.5", now.minus(Duration.ofMinutes(30))); // a credit: no spend
    entry(id, 6, "adjustment", "-20.5", "70", now.minus(Duration.ofMinutes(20))); // a grant expiring: no spend either
    Instant nextMonth = SpendEntries.nextMonthStart(now);
    entry(id, 7, "usage", "-0.25", "69.75", nextMonth); // dated into the next month: that month's spend
    pool.preparedQuery("INSERT INTO billing.ledgers (workspace_id, currency, balance, last_seq, last_hash, updated_at)"
        + " VALUES ($1, 'EUR', $2, 7, '\\x00', $3)").execute(Tuple.of(id, Money.parse("69.75"), now.atOffset(ZoneOffset.UTC))).await();

    JsonObject billing = ask(BillingAddresses.GET_ACCOUNT, in(owner, ws));
    assertThat(billing.getString("balance")).isEqualTo("69.75");
    // 69.75 at (7.00 + 3.50 + 0.25) a week: 45.4 days.
    assertThat(billing.getLong("runwayDays")).isEqualTo(Runway.days(Money.parse("69.75"), Money.parse("10.75")).getAsLong()).isEqualTo(45);
    long monthDebits = (windowStart.isBefore(monthStart) ? 0 : Money.parse("7"))
        + (windowStart.minusNanos(1000).isBefore(monthStart) ? 0 : Money.parse("1"))
        + (anHourAgo.isBefore(monthStart) ? 0 : Money.parse("3.5"));
    assertThat(billing.getJsonObject("budget").getString("spentThisMonth")).isEqualTo(Money.format(monthDebits));

    billByInvoice(owner, ws);
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws)).getValue("runwayDays")).as("an invoiced workspace has none").isNull();
  }

  @Test
  void autoTopUpShowsWhenTheWorkerTurnedItOffUntilItIsSavedAgain() {
    JsonObject owner = user("Dora Declined");
    JsonObject ws = cardWorkspace(owner);
    JsonObject auto = new JsonObject().put("mode", "fixed").put("threshold", "5").put("amount", "20");
    assertThat(ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("autoTopUp", auto)).getJsonObject("autoTopUp").getValue("disabledAt"))
        .isNull();
    Instant off = Instant.parse("2026-11-20T10:15:30Z");
    // As the worker leaves it after 3 declines in a row under this setting (billing-8).
    pool.preparedQuery("""
        INSERT INTO billing.ledgers (workspace_id, currency, last_hash, updated_at, auto_top_up_declines, auto_top_up_declines_set_at,
                                     auto_top_up_disabled_at)
        SELECT workspace_id, 'EUR', '\\x00', now(), 3, auto_top_up_set_at, $2 FROM billing.accounts WHERE workspace_id = $1::uuid""")
        .execute(Tuple.of(ws.getString("id"), off.atOffset(ZoneOffset.UTC))).await();
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws)).getJsonObject("autoTopUp").getString("disabledAt"))
        .isEqualTo("2026-11-20T10:15:30Z");

    clock.advance(Duration.ofMinutes(1));
    JsonObject saved = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("autoTopUp", auto));
    assertThat(saved.getJsonObject("autoTopUp").getValue("disabledAt")).as("saved again: on").isNull();
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws)).getJsonObject("autoTopUp").getValue("disabledAt")).isNull();
  }

  private static Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static JsonObject cardWorkspace(JsonObject owner) {
    JsonObject ws = workspace(owner, organization(owner));
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    return ws;
  }

  private static JsonObject auto(String mode, String threshold, String amount, String target, String cap) {
    JsonObject auto = new JsonObject();
    put(auto, "mode", mode);
    put(auto, "threshold", threshold);
    put(auto, "amount", amount);
    put(auto, "target", target);
    put(auto, "monthlyCap", cap);
    return new JsonObject().put("autoTopUp", auto);
  }

  private static void put(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static JsonObject threshold(String kind, String amount) {
    return new JsonObject().put("kind", kind).put("amount", amount);
  }

  private static void refused(JsonObject ws, JsonObject owner, JsonObject change, String field) {
    Rejection rejection = rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).mergeIn(change));
    assertThat(rejection.errors()).as(change.encode()).extracting(Rejection.FieldError::field).containsExactly(field);
  }

  private static void refusedAlerts(JsonObject ws, JsonObject owner, JsonArray thresholds, Object runwayDays, String field) {
    JsonObject request = in(owner, ws).put("runwayDays", runwayDays);
    if (thresholds != null) {
      request.put("thresholds", thresholds);
    }
    Rejection rejection = rejection(BillingAddresses.REPLACE_ALERTS, request);
    assertThat(rejection.errors()).as(request.encode()).extracting(Rejection.FieldError::field).containsExactly(field);
  }

  private static Row account(JsonObject ws) {
    return pool.preparedQuery("SELECT * FROM billing.accounts WHERE workspace_id = $1::uuid").execute(Tuple.of(ws.getString("id")))
        .await().iterator().next();
  }

  private static Instant setAt(JsonObject ws) {
    OffsetDateTime at = account(ws).getOffsetDateTime("auto_top_up_set_at");
    return at == null ? null : at.toInstant();
  }

  /** A ledger entry as the worker writes one (the hash is no concern of these reads). */
  private static void entry(UUID ws, long seq, String type, String amount, String after, Instant occurredAt) {
    pool.preparedQuery("""
        INSERT INTO billing.entries (workspace_id, seq, type, amount, balance_after, description, source_id, occurred_at, recorded_at, hash)
        VALUES ($1, $2, $3, $4, $5, 'test', $6, $7, $7, '\\x00')""")
        .execute(Tuple.tuple().addValue(ws).addValue(seq).addValue(type).addValue(Money.parse(amount)).addValue(Money.parse(after))
            .addValue("test:" + seq).addValue(occurredAt.atOffset(ZoneOffset.UTC)))
        .await();
  }
}
