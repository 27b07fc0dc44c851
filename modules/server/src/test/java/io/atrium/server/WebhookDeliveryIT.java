package io.atrium.server;

import io.atrium.billing.BillingEvents;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.WebhookReceiver;
import io.atrium.server.testing.WebhookReceiver.Received;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 ledger events of 20 workspaces reach a real receiver with no gap in any workspace's {@code ledgerSeq}, although
 * the receiver refuses some first attempts and the consuming {@code ./atrium api} is killed (-9) mid-stream: a second
 * process picks up the queue and the deliveries the first had claimed.
 */
class WebhookDeliveryIT {

  private static final int WORKSPACES = 20;
  private static final int SEQS = 50;

  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private Pool pool;
  private AtriumConfig config;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    // The suite's API holds the schedules' lock, so the processes here never schedule runs.
    io.atrium.server.testing.TestApi.get();
    config = TestServices.get().anotherRun("webhooks");
    vertx = Vertx.vertx();
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
    if (pool != null) {
      pool.close().await();
    }
    vertx.close().await();
  }

  @Test
  void everyEventArrivesAcrossAKilledProcessWithNoGapPerWorkspace() throws Exception {
    int port = AtriumProcess.freePort();
    AtriumProcess first = AtriumProcess.start(environment(port), "api");
    AtriumProcess second = null;
    try {
      first.awaitReady(port);
      pool = Database.pool(vertx, config);
      String base = "http://127.0.0.1:" + port + "/api/v1";
      String token = signUp(base);
      String orgId = send(base, "GET", "/me", token, null).getJsonArray("organizations").getJsonObject(0).getString("id");
      // A fifth of the events are refused on their first attempt: their deliveries wait for a retry.
      Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
      receiver.answer("/ledger", r -> r.id().hashCode() % 5 == 0 && refusedOnce.add(r.id()) ? 500 : 200);
      JsonObject hook = send(base, "POST", "/organizations/" + orgId + "/webhooks", token, new JsonObject()
          .put("url", receiver.url("/ledger")).put("events", new JsonArray().add(BillingEvents.TOP_UP_SUCCEEDED)));

      List<OutboxMessage> events = events(UUID.fromString(orgId));
      write(events.subList(0, 500));
      Eventually.holds(Duration.ofSeconds(60), "a part of the stream is delivered", () -> ids().size() >= 150);
      first.kill();
      int beforeKill = ids().size();
      write(events.subList(500, events.size()));

      int secondPort = AtriumProcess.freePort();
      second = AtriumProcess.start(environment(secondPort), "api");
      second.awaitReady(secondPort);
      Eventually.holds(Duration.ofSeconds(180), "all 1,000 events delivered", () -> ids().size() == 1000);

      assertThat(beforeKill).as("the kill came mid-stream").isLessThan(1000);
      Map<String, Set<Long>> seqs = new HashMap<>();
      for (Received r : receiver.at("/ledger")) {
        JsonObject data = r.json().getJsonObject("data");
        seqs.computeIfAbsent(data.getString("workspaceId"), ws -> new TreeSet<>()).add(data.getLong("ledgerSeq"));
      }
      assertThat(seqs).hasSize(WORKSPACES);
      Set<Long> all = LongRange.closed(1, SEQS);
      assertThat(seqs.values()).allSatisfy(workspace -> assertThat(workspace).isEqualTo(all));
      assertThat(refusedOnce).isNotEmpty();
      assertThat(receiver.at("/ledger")).allSatisfy(r -> assertThat(WebhookReceiver.verifies(hook.getString("secret"), r)).isTrue());
      // What the killed process sent but could not record comes back when its lease ends: sent again, then recorded.
      Eventually.holds(Duration.ofSeconds(60), "every delivery is recorded as succeeded", () -> pool
          .query("SELECT count(*) FROM webhooks.deliveries WHERE status = 'succeeded'").execute().await().iterator().next().getLong(0) == 1000);
      assertThat(pool.query("SELECT count(*) FROM webhooks.deliveries").execute().await().iterator().next().getLong(0)).isEqualTo(1000);
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static final class LongRange {
    static Set<Long> closed(long from, long to) {
      return IntStream.rangeClosed((int) from, (int) to).mapToObj(i -> (long) i).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private Set<String> ids() {
    return receiver.at("/ledger").stream().map(Received::id).collect(Collectors.toSet());
  }

  /** Seq 1..50 of 20 workspaces, interleaved as a busy ledger would make them. */
  private static List<OutboxMessage> events(UUID organizationId) {
    List<UUID> workspaces = IntStream.range(0, WORKSPACES).mapToObj(i -> UUID.randomUUID()).toList();
    List<OutboxMessage> events = new ArrayList<>();
    for (int seq = 1; seq <= SEQS; seq++) {
      for (UUID workspace : workspaces) {
        byte[] hash = new byte[32];
        hash[0] = (byte) seq;
        events.add(BillingEvents.message(UUID.randomUUID(), BillingEvents.TOP_UP_SUCCEEDED, Instant.now(), organizationId,
            BillingEvents.ledgerData(workspace, seq, hash).put("amount", "10.00")));
      }
    }
    return events;
  }

  /** Through the platform outbox, 50 to a transaction, as the ledger writes them. */
  private void write(List<OutboxMessage> messages) {
    for (int from = 0; from < messages.size(); from += 50) {
      List<OutboxMessage> batch = messages.subList(from, Math.min(messages.size(), from + 50));
      pool.withTransaction(tx -> Future.all(batch.stream().map(m -> Outbox.append(tx, m)).toList())).await();
    }
  }

  private String signUp(String base) throws Exception {
    String email = "hooks-" + UUID.randomUUID() + "@example.com";
    send(base, "POST", "/users", null, new JsonObject().put("email", email).put("password", "webhook delivery 123").put("name", "Hooks"));
    return send(base, "POST", "/sessions", null, new JsonObject().put("email", email).put("password", "webhook delivery 123")).getString("token");
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

  private Map<String, String> environment(int port) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "ATRIUM_HTTP_PORT", String.valueOf(port),
        "ATRIUM_PUBLIC_URL", "http://127.0.0.1:" + port,
        "ATRIUM_PG_URL", config.string("pg.url"),
        "ATRIUM_AMQP_URL", config.string("amqp.url"),
        "ATRIUM_AMQP_PREFIX", config.string("amqp.prefix"),
        "ATRIUM_SSO_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "ATRIUM_MFA_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "ATRIUM_OUTBOX_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "ATRIUM_SSO_ALLOW_LOCAL_ISSUERS", "true",
        "ATRIUM_SMTP_HOST", ""));
    // Short retries and leases, so the run takes seconds: the schedule is the same code with other numbers.
    environment.putAll(Map.of("ATRIUM_WEBHOOKS_RETRY_DELAYS", "PT0.5S,PT1S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S",
        "ATRIUM_WEBHOOKS_TIMEOUT_MILLIS", "2000", "ATRIUM_WEBHOOKS_LEASE_SECONDS", "5", "ATRIUM_WEBHOOKS_SWEEP_MILLIS", "100",
        "ATRIUM_OUTBOX_POLL_MILLIS", "20", "ATRIUM_MANAGEMENT_PORT", String.valueOf(AtriumProcess.freePort())));
    return environment;
  }
}
