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

  private static Path csvIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
