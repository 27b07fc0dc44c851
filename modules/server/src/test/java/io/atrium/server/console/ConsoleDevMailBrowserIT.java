package io.atrium.server.console;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.atrium.server.testing.Browser;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In {@code ./atrium dev} without SMTP, the console's "Mail (dev)" page shows what would have been mailed. */
class ConsoleDevMailBrowserIT {

  @Test
  void theDevMailPageShowsMailTheServerKept() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("devmail");
    int port = AtriumProcess.freePort();
    Map<String, String> environment = AtriumProcess.environment(config, port);
    environment.put("ATRIUM_SMTP_HOST", "");
    try (AtriumProcess dev = AtriumProcess.start(environment, "dev")) {
      dev.awaitReady(port);
      URI base = URI.create("http://127.0.0.1:" + port);
      String owner = signUp(base, "mia@example.com", "Mia");
      HttpClient http = HttpClient.newHttpClient();
      String org = new io.vertx.core.json.JsonObject(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/organizations"))
          .header("Authorization", "Bearer " + owner).build(), HttpResponse.BodyHandlers.ofString()).body())
          .getJsonArray("items").getJsonObject(0).getString("id");
      HttpResponse<String> invited = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/organizations/" + org + "/invitations"))
          .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"noah@example.com\",\"role\":\"member\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);

      try (Browser browser = Browser.open(base)) {
        browser.go("/#/login");
        browser.find("#dev-mail-link").click();
        browser.waitForText("#dev-mail", "noah@example.com");
        assertThat(browser.find("#dev-mail").getText()).contains("Token: ")
            .as("the verification mail the sign-up sent").contains("mia@example.com").contains("Verify your email address");
        browser.screenshot("dev-mail");
      }
    }
  }

  private static String signUp(URI base, String email, String name) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String credentials = "\"email\":\"" + email + "\",\"password\":\"a long enough password\"";
    http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{" + credentials + ",\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    String session = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/sessions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{" + credentials + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return new io.vertx.core.json.JsonObject(session).getString("token");
  }
}
