package io.atrium.server.console;

import com.sun.net.httpserver.HttpServer;
import io.atrium.server.testing.Browser;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Webhooks page as an organization admin uses it, against a real receiver on this machine: add an endpoint
 * (its secret shown once), edit its events, send a test event and check its signature with that secret, read the
 * delivery log, redeliver, disable, rotate the secret, delete. Needs the webhooks backend (issue 15, points 1 to 3).
 */
class ConsoleWebhooksBrowserIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(200);
  private HttpServer receiver;

  record Received(String id, String timestamp, String signature, String body) {
    String type() {
      return new JsonObject(body).getString("type");
    }
  }

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"), body));
      exchange.sendResponseHeaders(answer.get(), -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @Test
  void anAdminAddsAnEndpointAndItsTestEventArrivesSignedWithTheSecretShownOnce() {
    TestUser admin = api.newUser("Hook Hanna");
    String orgId = ownOrganization(admin);
    String workspace = tenants.createWorkspace(orgId, admin, "Hooked");
    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(admin.token());
      browser.click("#nav-webhooks");
      browser.find("#no-webhooks");
      browser.type("#webhook-form input[name=url]", hookUrl());
      browser.click("#webhook-form input[name=event][value='top_up.succeeded']");
      browser.click("#webhook-form input[name=event][value='budget.exceeded']");
      browser.click("#webhook-form input[name=workspace][value='" + workspace + "']");
      browser.click("#webhook-form button[type=submit]");
      String secret = browser.find("#webhook-secret").getAttribute("value");
      assertThat(secret).startsWith("whsec_");
      browser.click("#webhook-created .copy-secret");
      browser.waitForText("#webhook-created .copy-status", "Copied");

      String card = browser.waitForText(".webhook", hookUrl());
      assertThat(card).contains("enabled").contains("top_up.succeeded").contains("budget.exceeded").contains("Hooked");
      JsonObject endpoint = api.get("/api/v1/organizations/" + orgId + "/webhooks", admin.token()).expect(200).json()
          .getJsonArray("items").getJsonObject(0);
      assertThat(endpoint.getJsonArray("events")).containsExactlyInAnyOrder("top_up.succeeded", "budget.exceeded");
      assertThat(endpoint.getJsonArray("workspaceIds")).containsExactly(workspace);
      assertThat(endpoint.containsKey("secret")).as("the list never answers the secret").isFalse();
      String id = endpoint.getString("id");
      String row = ".webhook[data-webhook='" + id + "']";

      browser.click(row + " .edit-webhook");
      browser.click(row + " .webhook-edit-form input[name=event][value='budget.exceeded']");
      browser.click(row + " .webhook-edit-form input[name=event][value='invoice.issued']");
      browser.click(row + " .webhook-edit-form button[type=submit]");
      assertThat(browser.waitForText(row + " .webhook-events", "invoice.issued")).doesNotContain("budget.exceeded");
      assertThat(endpoint(orgId, id, admin).getJsonArray("events")).containsExactlyInAnyOrder("top_up.succeeded", "invoice.issued");

      // Shown once: after a reload the page has no secret to show.
      browser.reload().waitForText(row, hookUrl());
      assertThat(browser.present("#webhook-secret")).isFalse();

      browser.click(row + " .test-webhook");
      browser.waitForText(row + " .webhook-outcome", "Test event sent");
      Received test = arrived(1);
      assertThat(test.type()).isEqualTo("webhook.test");
      assertThat(signedBy(test, secret)).as("signed with the secret the page showed").isTrue();
      String delivery = browser.waitForText(row + " .deliveries tr[data-status=succeeded]", "webhook.test", Duration.ofSeconds(30));
      assertThat(delivery).contains("200").contains(" ms");

      // Redelivering a delivered event sends it once more, which no retry would do.
      browser.click(row + " .deliveries tr[data-status=succeeded] .redeliver");
      Received again = arrived(2);
      assertThat(again.type()).isEqualTo("webhook.test");
      assertThat(new JsonObject(again.body()).getValue("data")).isEqualTo(new JsonObject(test.body()).getValue("data"));

      browser.click(row + " .toggle-webhook");
      browser.waitForText(row + " .badge", "disabled");
      assertThat(endpoint(orgId, id, admin).getBoolean("enabled")).isFalse();
      browser.click(row + " .toggle-webhook");
      browser.waitForText(row + " .badge", "enabled");

      browser.click(row + " .rotate-secret");
      accept(browser);
      String rotated = browser.find("#webhook-secret-" + id).getAttribute("value");
      assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
      browser.click(row + " .test-webhook");
      Received afterRotation = arrived(3);
      assertThat(signedBy(afterRotation, rotated)).as("the new secret signs").isTrue();
      assertThat(signedBy(afterRotation, secret)).as("the old one still signs for 24 h").isTrue();

      browser.click(row + " .delete-webhook");
      accept(browser);
      browser.find("#no-webhooks");
      assertThat(api.get("/api/v1/organizations/" + orgId + "/webhooks", admin.token()).expect(200).json().getJsonArray("items")).isEmpty();
      assertThat(browser.scriptErrors()).isEmpty();
      browser.screenshot("webhooks");
    }
  }

  @Test
  void aFailingReceiverShowsItsStatusInTheLogUntilARetrySucceeds() {
    api.clock.set(Instant.now()); // retries fall due by the API's clock, which this test moves
    TestUser admin = api.newUser("Retry Rita");
    String orgId = ownOrganization(admin);
    answer.set(500);
    String id = api.post("/api/v1/organizations/" + orgId + "/webhooks", admin.token(), new JsonObject().put("url", hookUrl())
        .put("events", new JsonArray().add("top_up.failed"))).expect(201).json().getString("id");
    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(admin.token()).go("/#/webhooks");
      String row = ".webhook[data-webhook='" + id + "']";
      browser.click(row + " .test-webhook");
      arrived(1);
      String failing = refreshUntil(browser, row, "tr[data-delivery] td:nth-child(4)", "500");
      assertThat(failing).isNotBlank();
      assertThat(browser.find(row + " tr[data-delivery]").getAttribute("data-status")).isNotEqualTo("succeeded");

      answer.set(200);
      api.clock.advance(Duration.ofSeconds(5)); // the first retry is due 5 s after the first attempt
      refreshUntil(browser, row, "tr[data-status=succeeded] td:nth-child(4)", "200");
      int attempts = Integer.parseInt(browser.find(row + " tr[data-status=succeeded] td:nth-child(3)").getText().trim());
      assertThat(attempts).as("the log counts the failed attempt too").isGreaterThanOrEqualTo(2);
      assertThat(received).hasSizeGreaterThanOrEqualTo(2).extracting(Received::id).containsOnly(received.get(0).id());
    } finally {
      api.clock.set(Instant.now());
    }
  }

  @Test
  void aRefusedUrlIsShownBesideItsField() {
    TestUser admin = api.newUser("Field Fay");
    ownOrganization(admin);
    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(admin.token()).go("/#/webhooks");
      browser.find("#no-webhooks");
      browser.type("#webhook-form input[name=url]", "ftp://example.com/hook");
      browser.click("#webhook-form input[name=event][value='invoice.issued']");
      browser.click("#webhook-form button[type=submit]");
      browser.find("#webhook-form .problem");
      assertThat(browser.find("#webhook-form input[name=url]").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(browser.find("#webhook-form label.field .field-error").getText()).isNotBlank();
      assertThat(browser.present("#webhook-secret")).isFalse();
      assertThat(browser.present(".webhook")).isFalse();
    }
  }

  private Received arrived(int count) {
    Eventually.holds(Duration.ofSeconds(30), count + " deliveries at the receiver", () -> received.size() >= count);
    return received.get(count - 1);
  }

  /** Clicks the log's Refresh until the cell under the endpoint's card reads `text`; returns that text. */
  private static String refreshUntil(Browser browser, String row, String cell, String text) {
    browser.waiting(Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
      d.findElement(By.cssSelector(row + " .refresh-deliveries")).click();
      return d.findElements(By.cssSelector(row + " " + cell)).stream().anyMatch(e -> e.getText().contains(text));
    });
    return browser.find(row + " " + cell).getText();
  }

  private static void accept(Browser browser) {
    browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
  }

  /** Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" under the secret's base64 part, one of `v1,<sig>` separated by spaces. */
  private static boolean signedBy(Received message, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      String expected = "v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8)));
      return List.of(message.signature().split(" ")).contains(expected);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject endpoint(String orgId, String id, TestUser admin) {
    return api.get("/api/v1/organizations/" + orgId + "/webhooks/" + id, admin.token()).expect(200).json();
  }

  private String ownOrganization(TestUser user) {
    return api.get("/api/v1/me", user.token()).expect(200).json().getJsonArray("organizations").getJsonObject(0).getString("id");
  }
}
