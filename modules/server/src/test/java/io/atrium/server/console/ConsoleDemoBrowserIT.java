package io.atrium.server.console;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.atrium.server.testing.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./atrium dev --demo}: 30 days of history on the dashboard, last month's invoice and its PDF, a clean ledger. */
class ConsoleDemoBrowserIT {

  @Test
  void theDemoHasHistoryAnInvoiceAndAVerifiedLedger() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("demo");
    int port = AtriumProcess.freePort();
    Map<String, String> environment = AtriumProcess.environment(config, port);
    environment.put("ATRIUM_SMTP_HOST", "");
    try (AtriumProcess dev = AtriumProcess.start(environment, "dev", "--demo")) {
      dev.awaitOutput("password for all", Duration.ofMinutes(4));
      assertThat(dev.output()).contains("owner@demo.example.com").contains("seeded in");

      try (Browser browser = Browser.open(URI.create("http://127.0.0.1:" + port))) {
        browser.go("/#/login").type("#login-form input[name=email]", "owner@demo.example.com")
            .type("#login-form input[name=password]", "demo password 2026").click("#login-form button[type=submit]");
        browser.waitForText("#workspace-title", "Analytics");
        // Today's bar needs one of its hours to have ended and been charged, which the seed (minutes long) or the
        // hourly run may not have done yet in the first two hours after midnight (UTC).
        int days = LocalTime.now(ZoneOffset.UTC).getHour() <= 1 ? 29 : 30;
        browser.waiting(Duration.ofSeconds(20)).until(d -> bars(browser) >= days);
        browser.screenshot("demo-dashboard");

        new Select(browser.find("#workspace-switcher")).selectByVisibleText("Demo Cloud Ltd / Staging");
        browser.waitForText("#workspace-title", "Staging");
        browser.go("/#/billing");
        String invoice = browser.find("#invoices table tbody tr").getText();
        assertThat(invoice).contains("ATR-").contains("€");
        browser.screenshot("demo-billing");
        browser.find("#invoices table tbody tr button").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() == 2);
        assertThat(browser.driver.findElements(By.cssSelector("#invoices .problem"))).isEmpty();
      }

      AtriumProcess verify = AtriumProcess.start(environment, "ledger", "verify");
      assertThat(verify.exitWithin(60)).as(verify.output()).isZero();
      assertThat(verify.output()).contains("0 failing")
          .as("names the database it checked").contains("checking the ledgers in " + config.string("pg.url"));
    }
  }

  private static long bars(Browser browser) {
    Object buckets = browser.script("return document.querySelector('#usage-chart')?.closest('section')?.dataset.buckets");
    return buckets == null ? 0 : Long.parseLong(buckets.toString());
  }
}
