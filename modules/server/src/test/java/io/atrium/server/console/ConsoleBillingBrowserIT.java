package io.atrium.server.console;

import io.atrium.server.testing.Billing;
import io.atrium.server.testing.Browser;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing flow of the issue, all in the browser but the usage report: sign up, create a workspace, set a
 * test card, top up (pending turns to succeeded without a reload), post usage through the API, and see the
 * balance and the chart change; the other workspace shows its own figures. Needs the billing API: on a
 * server without it, it skips with a loud notice.
 */
class ConsoleBillingBrowserIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);
  private final Billing billing = new Billing(api);

  @Test
  void topUpThenUsageChangesBalanceAndChart() throws IOException {
    String email = "billing-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/#/login");
      browser.find("#login-form");
      assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).as("no navigation before signing in").isFalse();
      browser.go("/#/signup").type("#signup-form input[name=name]", "Bea Billing").type("#signup-form input[name=email]", email)
          .type("#signup-form input[name=password]", "a long enough password 42").click("#signup-form button[type=submit]");
      browser.click("#create-first-workspace");
      browser.type("#new-workspace-form input[name=name]", "Production").click("#new-workspace-form button[type=submit]");
      browser.waitForText("#workspace-title", "Production");
      String token = (String) browser.script("return JSON.parse(localStorage.getItem('atrium.session')).token");
      JsonObject me = api.get("/api/v1/me", token).expect(200).json();
      String workspace = me.getString("currentWorkspaceId");
      billing.assume(token, workspace);
      try {
        flow(browser, email, token, me, workspace);
      } catch (RuntimeException | AssertionError | IOException e) {
        browser.screenshot("billing-failure"); // what the page showed when it went wrong
        throw e;
      }
    }
  }

  private void flow(Browser browser, String email, String token, JsonObject me, String workspace) throws IOException {
    browser.go("/#/billing");
    new Select(browser.find("#card-form select[name=cardToken]")).selectByValue("tok_visa");
    browser.click("#card-form button[type=submit]");
    browser.waitForText("#payment-method-current", "••••");

    browser.script("window.notReloaded = true");
    browser.type("#top-up-form input[name=amount]", "100.00").click("#top-up-form button[type=submit]");
    browser.find("#top-up-status");
    browser.waitForText("#top-up-status", "succeeded", Duration.ofSeconds(40));
    assertThat(browser.script("return window.notReloaded")).isEqualTo(true);
    String funded = browser.waitForText("#billing-summary #balance", "100");
    assertThat(funded).as("money shows two decimals").contains("100.00").doesNotContain("100.000");
    assertThat(browser.find("#billing-log tr[data-type=top_up]").getText()).as("log types read as words").contains("Top-up");

    String meter = api.get("/api/v1/pricing", token).expect(200).json().getJsonArray("meters").getJsonObject(0).getString("id");
    api.request("POST", "/api/v1/workspaces/" + workspace + "/usage").token(token).header("Idempotency-Key", UUID.randomUUID().toString())
        .json(new JsonObject().put("events", new JsonArray().add(new JsonObject().put("id", UUID.randomUUID().toString())
            .put("meter", meter).put("quantity", 100_000).put("occurredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))))
        .send().expect(202);

    // The worker applies usage asynchronously: look again until the dashboard shows it.
    browser.go("/#/dashboard");
    browser.waiting(Duration.ofSeconds(40)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
      browser.reload();
      String balance = browser.find("#balance").getText();
      return !balance.equals(funded) && browser.find("#usage-chart").getText().contains(meter);
    });
    assertThat(browser.find("#days-left").getText()).isNotBlank();
    assertThat(browser.find("#balance").getText()).as("two decimals, more only when needed").containsPattern("[0-9]\\.[0-9]{2}(?![0-9])");
    assertThat(browser.find("#usage-chart").getText()).as("the axis is money, not 0.0000").doesNotContain("0.0000");
    browser.screenshot("dashboard");
    browser.click(".toggles button[data-range=hours]");
    browser.waitForText("#usage-total", "48 hours");
    assertThat(browser.find("#usage-chart").getText()).contains(meter);

    browser.go("/#/billing");
    browser.find("#billing-log tr[data-type=usage]");
    new Select(browser.find("#log-type")).selectByValue("top_up");
    browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#billing-log tr[data-type=usage]")).isEmpty());
    browser.find("#billing-log tr[data-type=top_up]");
    browser.click("#log-export");
    Path csv = browser.waiting(Duration.ofSeconds(10)).until(d -> csvIn(browser.downloads));
    assertThat(Files.readString(csv)).startsWith("seq,occurredAt,type,amount,balanceAfter,description,reference").contains("top_up");
    browser.screenshot("billing");

    // The other workspace has figures of its own.
    String orgId = me.getJsonArray("organizations").getJsonObject(0).getString("id");
    String sandbox = tenants.createWorkspace(orgId, new TestUser(me.getString("id"), email, null, "Bea Billing", token), "Sandbox");
    browser.go("/#/dashboard").reload();
    new Select(browser.find("#workspace-switcher")).selectByValue(sandbox);
    browser.waitForText("#workspace-title", "Sandbox");
    browser.waitForText("#usage-chart", "No usage yet");
    assertThat(browser.find("#balance").getText()).doesNotContain("100").isNotEqualTo(funded);
  }

  /**
   * Auto top-up to a target with a monthly cap, a suspending budget and alerts, set in the browser and read back
   * from the API; a refused amount is shown beside its field; the runway appears once there is spend. Needs the
   * spend controls backend (issue 15, point 4: settings modes, budget, alerts, runwayDays).
   */
  @Test
  void spendControlsAreSavedAndTheRunwayFollowsSpend() {
    TestUser user = api.newUser("Spend Sam");
    String orgId = api.get("/api/v1/me", user.token()).expect(200).json().getJsonArray("organizations").getJsonObject(0).getString("id");
    String workspace = tenants.createWorkspace(orgId, user, "Spendy");
    api.request("PATCH", "/api/v1/me").token(user.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);
    billing.fund(user.token(), workspace, "100.00");
    String base = "/api/v1/workspaces/" + workspace + "/billing";
    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(user.token()).go("/#/billing");
      browser.waitForText("#billing-summary #runway", "No spend in the last 7 days");

      browser.click("#settings-form input[name=autoTopUp]");
      browser.type("#settings-form input[name=threshold]", "20.00");
      new Select(browser.find("#settings-form select[name=mode]")).selectByValue("target");
      assertThat(browser.driver.findElement(By.cssSelector("#settings-form input[name=amount]")).isDisplayed()).isFalse();
      browser.type("#settings-form input[name=target]", "100.00").type("#settings-form input[name=monthlyCap]", "300.00");
      browser.click("#settings-form button[type=submit]");
      assertThat(browser.waitForText("#settings-current", "Auto top-up to")).contains("100.00").contains("20.00").contains("300.00");
      JsonObject auto = api.get(base, user.token()).expect(200).json().getJsonObject("autoTopUp");
      assertThat(auto.getString("mode")).isEqualTo("target");
      assertThat(new BigDecimal(auto.getString("target"))).isEqualByComparingTo("100");
      assertThat(new BigDecimal(auto.getString("monthlyCap"))).isEqualByComparingTo("300");

      browser.type("#budget-form input[name=monthly]", "500.00");
      new Select(browser.find("#budget-form select[name=action]")).selectByValue("suspend");
      browser.click("#budget-form button[type=submit]");
      assertThat(browser.waitForText("#budget-current", "500.00")).contains("suspended");
      JsonObject budget = api.get(base, user.token()).expect(200).json().getJsonObject("budget");
      assertThat(budget.getString("action")).isEqualTo("suspend");
      assertThat(new BigDecimal(budget.getString("monthly"))).isEqualByComparingTo("500");

      browser.find("#no-alerts");
      threshold(browser, "balance_below", "15.00");
      threshold(browser, "spend_month", "40.00");
      browser.type("#alerts-form input[name=runwayDays]", "5").click("#alerts-form button[type=submit]");
      assertThat(browser.waitForText("#alerts-current", "15.00")).contains("40.00").contains("5 days");
      JsonObject alerts = api.get(base + "/alerts", user.token()).expect(200).json();
      assertThat(alerts.getJsonArray("thresholds")).hasSize(2);
      assertThat(alerts.getInteger("runwayDays")).isEqualTo(5);

      threshold(browser, "spend_month", "-5");
      browser.click("#alerts-form button[type=submit]");
      browser.find("#alerts-form .problem");
      assertThat(browser.find("#alerts-form .threshold:nth-child(3) input[name=amount]").getAttribute("aria-invalid"))
          .as("the refused amount is marked beside its row").isEqualTo("true");
      assertThat(api.get(base + "/alerts", user.token()).expect(200).json().getJsonArray("thresholds")).hasSize(2);

      spend(user.token(), workspace);
      browser.waiting(Duration.ofSeconds(40)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
        browser.reload();
        return browser.find("#billing-summary #runway").getText().contains("Credits last about");
      });
      browser.go("/#/dashboard");
      assertThat(browser.waitForText("#runway-card #runway", "Credits last about")).contains("7 days' rate");
      assertThat(browser.find("#days-left").getText()).endsWith("days");
      assertThat(browser.scriptErrors()).isEmpty();
    }
  }

  /**
   * The `billing` access level, offered by the console beside `member`: its holder tops up and edits alerts but
   * gets no resource actions. Needs the billing role backend (issue 15, point 5) and the alerts route (point 4).
   */
  @Test
  void theBillingLevelManagesBillingButNoResources() {
    TestUser owner = api.newUser("Owner Otto");
    TestUser accountant = api.newUser("Accountant Ada");
    String orgId = api.get("/api/v1/me", owner.token()).expect(200).json().getJsonArray("organizations").getJsonObject(0).getString("id");
    String workspace = tenants.createWorkspace(orgId, owner, "Books");
    billing.fund(owner.token(), workspace, "20.00");
    api.request("PATCH", "/api/v1/me").token(owner.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);
    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(owner.token()).go("/#/members");
      int seen = api.mail.to(accountant.email()).size();
      browser.type("#invite-form input[name=email]", accountant.email());
      new Select(browser.find("#invite-form select[name=level]")).selectByValue("billing");
      browser.click("#invite-form button[type=submit]");
      assertThat(browser.waitForText("#invitations", accountant.email())).contains("billing");
      api.post("/api/v1/invitations/accept", accountant.token(), new JsonObject().put("token", api.mail.tokenAfter(accountant.email(), seen)))
          .expect(200);
      api.request("PATCH", "/api/v1/me").token(accountant.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);
      browser.reload().waitForText("#members", accountant.email());
      assertThat(new Select(browser.find("#members tr[data-user='" + accountant.id() + "'] select.level")).getFirstSelectedOption().getText())
          .isEqualTo("billing");

      browser.signIn(accountant.token()).go("/#/members");
      browser.waitForText("#my-level", "billing");
      assertThat(browser.present("#invite-form")).isFalse();
      browser.go("/#/resources").find("#resources");
      assertThat(browser.present("#new-resource")).as("no resource actions").isFalse();
      browser.go("/#/billing");
      browser.type("#top-up-form input[name=amount]", "10.00").click("#top-up-form button[type=submit]");
      browser.waitForText("#top-up-status", "succeeded", Duration.ofSeconds(40));
      threshold(browser, "balance_below", "5.00");
      browser.click("#alerts-form button[type=submit]");
      browser.waitForText("#alerts-current", "5.00");
      assertThat(browser.scriptErrors()).isEmpty();
    }
  }

  /** Adds a row to the alerts editor and fills it. */
  private static void threshold(Browser browser, String kind, String amount) {
    int rows = browser.driver.findElements(By.cssSelector("#alerts-form .threshold")).size();
    browser.click("#add-threshold");
    String row = "#alerts-form .threshold:nth-child(" + (rows + 1) + ")";
    new Select(browser.find(row + " select[name=kind]")).selectByValue(kind);
    browser.type(row + " input[name=amount]", amount);
  }

  /** Metered usage through the API, as a customer's system reports it. */
  private void spend(String token, String workspace) {
    String meter = api.get("/api/v1/pricing", token).expect(200).json().getJsonArray("meters").getJsonObject(0).getString("id");
    api.request("POST", "/api/v1/workspaces/" + workspace + "/usage").token(token).header("Idempotency-Key", UUID.randomUUID().toString())
        .json(new JsonObject().put("events", new JsonArray().add(new JsonObject().put("id", UUID.randomUUID().toString())
            .put("meter", meter).put("quantity", 100_000).put("occurredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))))
        .send().expect(202);
  }

  private static Path csvIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
