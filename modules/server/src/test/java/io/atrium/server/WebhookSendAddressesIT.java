package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.atrium.server.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the development switch off, a webhook's host is checked again when each attempt is sent, through the same
 * resolver: a name that answered with a public address when it was saved and with a loopback one now (DNS
 * rebinding), and a URL saved while the switch was on, reach nothing; each attempt is logged failed with no status.
 */
class WebhookSendAddressesIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private Pool pool;
  private AtriumConfig config;
  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void start() {
    io.atrium.server.testing.TestApi.get();
    config = TestServices.get().anotherRun("webhook_addresses");
    vertx = Vertx.vertx();
    // A local listener that counts every connection made to it: it must see none.
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Thread accepting = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket socket = listener.accept()) {
          connections.incrementAndGet();
        } catch (java.io.IOException closed) {
          return;
        }
      }
    }, "local-listener");
    accepting.setDaemon(true);
    accepting.start();
  }

  @AfterEach
  void stop() {
    try {
      listener.close();
    } catch (java.io.IOException ignored) {
      // closing a test socket
    }
    if (pool != null) {
      pool.close().await();
    }
    vertx.close().await();
  }

  @Test
  void aHostThatNowResolvesToThisMachineIsNotConnectedTo() throws Exception {
    int receiverPort = listener.getLocalPort();
    String rebinding = "rebind-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    String saved = "saved-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    Dnsmasq.get().addAddress(rebinding, "203.0.113.10");
    Dnsmasq.get().addAddress(saved, "203.0.113.11");
    int port = AtriumProcess.freePort();
    try (AtriumProcess api = AtriumProcess.start(environment(port), "api")) {
      api.awaitReady(port);
      pool = Database.pool(vertx, config);
      String base = "http://127.0.0.1:" + port + "/api/v1";
      String token = signUp(base);
      String orgId = send(base, "GET", "/me", token, null).getJsonArray("organizations").getJsonObject(0).getString("id");
      String hooks = "/organizations/" + orgId + "/webhooks";
      // Both names are public when saved.
      String rebound = send(base, "POST", hooks, token, new JsonObject().put("url", "https://" + rebinding + ":" + receiverPort + "/rebound")
          .put("events", new JsonArray().add("top_up.failed"))).getString("id");
      String local = send(base, "POST", hooks, token, new JsonObject().put("url", "https://" + saved + ":" + receiverPort + "/saved")
          .put("events", new JsonArray().add("top_up.failed"))).getString("id");
      // Now one name answers with this machine too, and the other endpoint holds a URL saved while the switch was on.
      Dnsmasq.get().addAddress(rebinding, "127.0.0.1");
      pool.preparedQuery("UPDATE webhooks.endpoints SET url = $2 WHERE id = $1")
          .execute(Tuple.of(UUID.fromString(local), "https://localhost:" + receiverPort + "/saved")).await();

      send(base, "POST", hooks + "/" + rebound + "/test", token, new JsonObject());
      send(base, "POST", hooks + "/" + local + "/test", token, new JsonObject());

      for (String hook : new String[] {rebound, local}) {
        Eventually.holds(Duration.ofSeconds(30), "an attempt is recorded for " + hook, () -> {
          Row row = delivery(hook);
          return row != null && row.getInteger("attempts") >= 2;
        });
        Row row = delivery(hook);
        assertThat(row.getInteger("last_status_code")).as("no status: nothing answered").isNull();
        JsonObject logged = send(base, "GET", hooks + "/" + hook + "/deliveries", token, null).getJsonArray("items").getJsonObject(0);
        assertThat(logged.getValue("lastStatusCode")).isNull();
        assertThat(logged.getString("status")).isEqualTo("pending");
      }
      assertThat(connections.get()).as("connections made to the local listener").isZero();
    }
  }

  private Row delivery(String hook) {
    var rows = pool.preparedQuery("SELECT attempts, last_status_code FROM webhooks.deliveries WHERE endpoint_id = $1")
        .execute(Tuple.of(UUID.fromString(hook))).await();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private Map<String, String> environment(int port) {
    Map<String, String> environment = AtriumProcess.environment(config, port);
    environment.putAll(Map.of("ATRIUM_SSO_ALLOW_LOCAL_ISSUERS", "false", "ATRIUM_SMTP_HOST", ""));
    environment.putAll(Map.of("ATRIUM_DNS_SERVER", Dnsmasq.get().server(),
        "ATRIUM_WEBHOOKS_RETRY_DELAYS", "PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S",
        "ATRIUM_WEBHOOKS_TIMEOUT_MILLIS", "2000", "ATRIUM_WEBHOOKS_LEASE_SECONDS", "5", "ATRIUM_WEBHOOKS_SWEEP_MILLIS", "100",
        "ATRIUM_OUTBOX_POLL_MILLIS", "20"));
    return environment;
  }

  private String signUp(String base) throws Exception {
    String email = "addresses-" + UUID.randomUUID() + "@example.com";
    send(base, "POST", "/users", null, new JsonObject().put("email", email).put("password", "webhook addresses 123").put("name", "Hooks"));
    return send(base, "POST", "/sessions", null, new JsonObject().put("email", email).put("password", "webhook addresses 123")).getString("token");
  }

  private JsonObject send(String base, String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return new JsonObject(response.body());
  }
}
