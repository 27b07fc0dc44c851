package io.atrium.server;

import io.atrium.billing.Runway;
import io.atrium.platform.Money;
import io.atrium.platform.PriceCatalogue;
import io.atrium.server.testing.Billing;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md "Billing", issue 15's spend controls over HTTP: settings with auto top-up modes and a budget, alerts, and the
 * runway of GET billing after real usage went through the worker's ledger.
 */
class SpendControlsApiIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void settingsRoundTripInTheirDocumentedShapes() {
    TestUser owner = api.newUser("Sandra Settings");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Spenders"), owner, "Main");
    JsonObject target = new JsonObject().put("mode", "target").put("threshold", "20.00").put("target", "150.00").put("monthlyCap", "600.00");
    JsonObject budget = new JsonObject().put("monthly", "400.00").put("action", "suspend");
    settings(owner, ws, new JsonObject().put("autoTopUp", target)).expectProblem(402, "payment_method_required");

    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_visa")).expect(200);
    JsonObject set = settings(owner, ws, new JsonObject().put("lowBalanceThreshold", "15").put("autoTopUp", target).put("budget", budget))
        .expect(200).json();
    assertThat(set.getString("lowBalanceThreshold")).isEqualTo("15.00");
    assertThat(set.getJsonObject("autoTopUp")).isEqualTo(target.copy().putNull("disabledAt"));
    assertThat(set.getJsonObject("budget")).isEqualTo(budget.copy().put("spentThisMonth", "0.00"));
    assertThat(set.getValue("runwayDays")).isNull();
    assertThat(api.get(path(ws, "/billing"), owner.token()).expect(200).json()).isEqualTo(set);

    assertThat(settings(owner, ws, new JsonObject()).expect(200).json()).as("absent keys stay").isEqualTo(set);
    JsonObject older = settings(owner, ws, new JsonObject().put("autoTopUp", new JsonObject().put("threshold", "5").put("amount", "30")))
        .expect(200).json();
    assertThat(older.getJsonObject("autoTopUp")).as("the shape before modes is a fixed one")
        .isEqualTo(new JsonObject().put("mode", "fixed").put("threshold", "5.00").put("amount", "30.00").putNull("monthlyCap")
            .putNull("disabledAt"));
    assertThat(older.getJsonObject("budget")).isEqualTo(set.getJsonObject("budget"));

    // Refused: 400 naming the field, and nothing of the request stored.
    settings(owner, ws, new JsonObject().put("lowBalanceThreshold", "1").put("autoTopUp", target.copy().put("target", "25.00")))
        .expectInvalid("autoTopUp.target");
    settings(owner, ws, new JsonObject().put("budget", new JsonObject().put("monthly", "10").put("action", "pause"))).expectInvalid("budget.action");
    settings(owner, ws, new JsonObject().put("budget", new JsonObject().put("monthly", "10"))).expectInvalid("budget.action");
    settings(owner, ws, new JsonObject().put("budget", "lots")).expectInvalid("budget");
    settings(owner, ws, new JsonObject().put("autoTopUp", new JsonObject().put("mode", "fixed").put("threshold", "5").put("amount", "30")
        .put("monthlyCap", "29.99"))).expectInvalid("autoTopUp.monthlyCap");
    assertThat(api.get(path(ws, "/billing"), owner.token()).expect(200).json()).isEqualTo(older);

    JsonObject off = settings(owner, ws, new JsonObject().putNull("autoTopUp").putNull("budget")).expect(200).json();
    assertThat(off.getValue("autoTopUp")).isNull();
    assertThat(off.getValue("budget")).isNull();
    assertThat(off.getString("lowBalanceThreshold")).isEqualTo("15.00");
  }

  @Test
  void anInvoicedWorkspaceTakesABudgetButNoAutoTopUp() {
    TestUser owner = api.newUser("Ivo Invoiced");
    String org = tenants.createOrganization(owner, "Invoiced");
    String ws = tenants.createWorkspace(org, owner, "Main");
    tenants.billByInvoice(org, ws, owner);
    settings(owner, ws, new JsonObject().put("autoTopUp", new JsonObject().put("threshold", "5").put("amount", "30")))
        .expectProblem(409, "conflict");
    JsonObject set = settings(owner, ws, new JsonObject().put("budget", new JsonObject().put("monthly", "1000").put("action", "suspend")))
        .expect(200).json();
    assertThat(set.getJsonObject("budget").getString("monthly")).isEqualTo("1000.00");
    assertThat(set.getValue("runwayDays")).as("an invoiced workspace is never stopped at zero: no runway").isNull();
  }

  @Test
  void alertsAreReplacedWholeAndABadOneNamesItsField() {
    TestUser owner = api.newUser("Alex Alerts");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Alerted"), owner, "Main");
    assertThat(api.get(path(ws, "/billing/alerts"), owner.token()).expect(200).json())
        .isEqualTo(new JsonObject().put("thresholds", new JsonArray()).putNull("runwayDays"));
    JsonObject body = new JsonObject().put("thresholds", new JsonArray().add(threshold("spend_month", "250")).add(threshold("balance_below", "10")))
        .put("runwayDays", 5);
    JsonObject stored = put(owner, path(ws, "/billing/alerts"), body).expect(200).json();
    JsonObject expected = new JsonObject().put("thresholds", new JsonArray().add(threshold("balance_below", "10.00"))
        .add(threshold("spend_month", "250.00"))).put("runwayDays", 5);
    assertThat(stored).isEqualTo(expected);
    assertThat(api.get(path(ws, "/billing/alerts"), owner.token()).expect(200).json()).isEqualTo(expected);

    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray().add(threshold("spend_week", "1"))))
        .expectInvalid("thresholds[0].kind");
    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray().add(new JsonObject().put("amount", "5"))))
        .expectInvalid("thresholds[0].kind"); // no kind at all: the fuzz once got a 500 here
    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray().add(threshold("balance_below", "5"))
        .add(threshold("balance_below", "5.00")))).expectInvalid("thresholds[1]");
    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray()).put("runwayDays", 400)).expectInvalid("runwayDays");
    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray()).put("runwayDays", "7")).expectInvalid("runwayDays");
    put(owner, path(ws, "/billing/alerts"), new JsonObject().put("runwayDays", 7)).expectInvalid("thresholds");
    api.request("PUT", path(ws, "/billing/alerts")).token(owner.token()).raw("{\"thresholds\": [").send().expectInvalid("body");
    assertThat(api.get(path(ws, "/billing/alerts"), owner.token()).expect(200).json()).as("nothing refused was stored").isEqualTo(expected);

    assertThat(put(owner, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray())).expect(200).json())
        .isEqualTo(new JsonObject().put("thresholds", new JsonArray()).putNull("runwayDays"));
  }

  @Test
  void anotherTenantsWorkspaceIsNotFound() {
    TestUser owner = api.newUser("Olive Owner");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Mine"), owner, "Main");
    TestUser other = api.newUser("Xavier Elsewhere");
    tenants.createWorkspace(tenants.createOrganization(other, "Theirs"), other, "Theirs");
    api.get(path(ws, "/billing/alerts"), other.token()).expectProblem(404, "not_found");
    put(other, path(ws, "/billing/alerts"), new JsonObject().put("thresholds", new JsonArray())).expectProblem(404, "not_found");
    settings(other, ws, new JsonObject().put("budget", new JsonObject().put("monthly", "1").put("action", "suspend")))
        .expectProblem(404, "not_found");
    assertThat(api.get(path(ws, "/billing"), owner.token()).expect(200).json().getValue("budget")).isNull();
  }

  @Test
  void theRunwayIsTheBalanceAtTheLastSevenDaysRateOfDebits() {
    TestUser owner = api.newUser("Rudy Runway");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Runway"), owner, "Main");
    new Billing(api).fund(owner.token(), ws, "100.00");
    settings(owner, ws, new JsonObject().put("budget", new JsonObject().put("monthly", "500").put("action", "notify"))).expect(200);
    assertThat(api.get(path(ws, "/billing"), owner.token()).expect(200).json().getValue("runwayDays"))
        .as("a top-up is no spend: no rate yet").isNull();

    Instant now = api.clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant recent = now.minus(Duration.ofDays(2));
    Instant old = now.minus(Duration.ofDays(10));
    BigDecimal recentGb = new BigDecimal("1234.5");
    BigDecimal oldGb = new BigDecimal("800");
    usage(owner, ws, "recent", recentGb, recent);
    usage(owner, ws, "old", oldGb, old);
    Eventually.holds(Duration.ofSeconds(30), "both usage debits reached the ledger", () ->
        api.get(path(ws, "/billing/log?type=usage"), owner.token()).expect(200).json().getJsonArray("items").size() == 2);

    long price = PriceCatalogue.load().meterPriceMicros("egress-gb", "EUR").orElseThrow();
    long recentDebit = Money.times(recentGb, price);
    long oldDebit = Money.times(oldGb, price);
    long balance = Money.parse("100.00") - recentDebit - oldDebit;
    JsonObject billing = api.get(path(ws, "/billing"), owner.token()).expect(200).json();
    assertThat(billing.getString("balance")).isEqualTo(Money.format(balance));
    // Only the debit of the last 7 days sets the rate; the one of 10 days ago is outside it.
    assertThat(billing.getLong("runwayDays")).isEqualTo(balance * 7 / recentDebit)
        .isEqualTo(Runway.days(balance, recentDebit).getAsLong());
    Instant monthStart = now.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    long month = (recent.isBefore(monthStart) ? 0 : recentDebit) + (old.isBefore(monthStart) ? 0 : oldDebit);
    assertThat(billing.getJsonObject("budget").getString("spentThisMonth")).isEqualTo(Money.format(month));
  }

  private void usage(TestUser owner, String ws, String id, BigDecimal quantity, Instant at) {
    JsonObject event = new JsonObject().put("id", id).put("meter", "egress-gb").put("quantity", quantity.toPlainString()).put("occurredAt", at.toString());
    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", new JsonArray().add(event))).expect(202);
  }

  private Reply settings(TestUser user, String ws, JsonObject body) {
    return put(user, path(ws, "/billing/settings"), body);
  }

  private Reply put(TestUser user, String path, JsonObject body) {
    return api.request("PUT", path).token(user.token()).json(body).send();
  }

  private static JsonObject threshold(String kind, String amount) {
    return new JsonObject().put("kind", kind).put("amount", amount);
  }

  private static String path(String ws, String rest) {
    return "/api/v1/workspaces/" + ws + rest;
  }
}
