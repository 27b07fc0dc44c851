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
import io.vertx.sqlclient.Row;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 ledger events of 20 workspaces reach a real receiver with no gap in any workspace's {@code ledgerSeq}, although
 * the receiver refuses some first attempts and the consuming {@code ./atrium api} is killed (-9) mid-stream: a second
 * process picks up the queue and the deliveries the first had claimed. Once with outbox rows written here, once with
 * 1,000 top-ups through the HTTP API that a real {@code ./atrium worker} charges and posts to the ledger.
 */
class WebhookDeliveryIT {

  private static final int WORKSPACES = 20;
  private static final int SEQS = 50;

  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private Pool pool;
  private AtriumConfig config;
  private WebhookReceiver receiver;
  private final List<AtriumProcess> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    // The suite's API holds the schedules' lock, so the processes here never schedule runs.
    io.atrium.server.testing.TestApi.get();
    vertx = Vertx.vertx();
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (AtriumProcess process : processes) {
      process.close();
    }
    receiver.close();
    if (pool != null) {
      pool.close().await();
    }
    vertx.close().await();
  }

  @Test
  void everyEventArrivesAcrossAKilledProcessWithNoGapPerWorkspace() throws Exception {
    Api first = begin("webhooks");
    String token = signUp(first.base());
    String orgId = orgOf(first.base(), token);
    Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    JsonObject hook = ledgerHook(first.base(), token, orgId, refusedOnce);

    List<OutboxMessage> events = events(UUID.fromString(orgId));
    write(events.subList(0, 500));
    Eventually.holds(Duration.ofSeconds(60), "a part of the stream is delivered", () -> ids().size() >= 150);
    first.process().kill();
    int beforeKill = ids().size();
    write(events.subList(500, events.size()));

    api();
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
    Eventually.holds(Duration.ofSeconds(60), "every delivery is recorded as succeeded",
        () -> count("SELECT count(*) FROM webhooks.deliveries WHERE status = 'succeeded'") == 1000);
    assertThat(count("SELECT count(*) FROM webhooks.deliveries")).isEqualTo(1000);
  }

  @Test
  void everyTopUpOfTheLedgerArrivesWithItsSeqAndHashAcrossAKilledApi() throws Exception {
    Api first = begin("ledgerhooks");
    started(worker(), "worker");
    String base = first.base();
    String token = signUp(base);
    String orgId = orgOf(base, token);
    Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    JsonObject hook = ledgerHook(base, token, orgId, refusedOnce);
    List<String> workspaces = new ArrayList<>();
    for (int i = 0; i < WORKSPACES; i++) {
      String ws = send(base, "POST", "/organizations/" + orgId + "/workspaces", token, new JsonObject().put("name", "Stream " + i))
          .getString("id");
      send(base, "PUT", "/workspaces/" + ws + "/billing/payment-method", token,
          new JsonObject().put("type", "card").put("cardToken", "tok_visa"));
      workspaces.add(ws);
    }

    long started = System.nanoTime();
    topUps(base, token, workspaces, 0, SEQS / 2);
    long firstHalf = System.nanoTime() - started;
    Eventually.holds(Duration.ofSeconds(90), "a part of the stream is delivered", () -> ids().size() >= 150);
    first.process().kill();
    int beforeKill = ids().size();

    String secondBase = api().base();
    started = System.nanoTime();
    topUps(secondBase, token, workspaces, SEQS / 2, SEQS);
    long secondHalf = System.nanoTime() - started;
    System.out.printf("[atrium tests] %d top-ups over HTTP in %d ms (two halves: %d + %d ms)%n", WORKSPACES * SEQS,
        (firstHalf + secondHalf) / 1_000_000, firstHalf / 1_000_000, secondHalf / 1_000_000);
    // A retried POST with the same Idempotency-Key is the same top-up, not a second charge.
    assertThat(topUp(secondBase, token, workspaces.get(0), 0).join().getString("id"))
        .isEqualTo(topUp(secondBase, token, workspaces.get(0), 0).join().getString("id"));

    Eventually.holds(Duration.ofSeconds(120), "the worker posted all 1,000 top-ups",
        () -> count("SELECT count(*) FROM billing.entries WHERE type = 'top_up'") == WORKSPACES * SEQS);
    Eventually.holds(Duration.ofSeconds(120), "all 1,000 events delivered", () -> ids().size() == WORKSPACES * SEQS);
    assertThat(beforeKill).as("the kill came mid-stream").isLessThan(WORKSPACES * SEQS);
    assertThat(refusedOnce).as("some first attempts were refused").isNotEmpty();

    // What the ledger stored: workspace -> seq -> hash (hex), top-up entries only.
    Map<String, Map<Long, String>> ledger = new HashMap<>();
    for (Row row : pool.query("SELECT workspace_id, seq, encode(hash, 'hex') AS hash FROM billing.entries WHERE type = 'top_up'")
        .execute().await()) {
      ledger.computeIfAbsent(row.getUUID("workspace_id").toString(), ws -> new HashMap<>()).put(row.getLong("seq"), row.getString("hash"));
    }
    Set<Long> oneToFifty = LongRange.closed(1, SEQS);
    Map<String, Set<Long>> received = new HashMap<>();
    Map<String, String> eventOfEntry = new HashMap<>();
    for (Received r : receiver.at("/ledger")) {
      JsonObject body = r.json();
      assertThat(body.getString("type")).isEqualTo(BillingEvents.TOP_UP_SUCCEEDED);
      JsonObject data = body.getJsonObject("data");
      String ws = data.getString("workspaceId");
      long seq = data.getLong("ledgerSeq");
      received.computeIfAbsent(ws, w -> new TreeSet<>()).add(seq);
      assertThat(data.getString("entryHash")).as("hash of " + ws + " seq " + seq).isEqualTo(ledger.get(ws).get(seq));
      // Retries of one event keep its webhook-id; one ledger entry is one event.
      String earlier = eventOfEntry.putIfAbsent(ws + "#" + seq, r.id());
      assertThat(earlier == null || earlier.equals(r.id())).as("one event for " + ws + " seq " + seq).isTrue();
    }
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(workspaces);
    for (String ws : workspaces) {
      assertThat(received.get(ws)).as("seqs received for " + ws).isEqualTo(oneToFifty);
      assertThat(new TreeSet<>(ledger.get(ws).keySet())).as("top-up seqs in the ledger of " + ws).isEqualTo(oneToFifty);
      JsonArray log = send(secondBase, "GET", "/workspaces/" + ws + "/billing/log?type=top_up&limit=200", token, null)
          .getJsonArray("items");
      Set<Long> logged = log.stream().map(e -> ((JsonObject) e).getLong("seq")).collect(Collectors.toCollection(TreeSet::new));
      assertThat(logged).as("top-up seqs in the billing log of " + ws).isEqualTo(oneToFifty);
    }
    assertThat(receiver.at("/ledger")).allSatisfy(r -> assertThat(WebhookReceiver.verifies(hook.getString("secret"), r)).isTrue());

    // What the killed process sent but could not record comes back when its lease ends: sent again, then recorded.
    Eventually.holds(Duration.ofSeconds(60), "every delivery is recorded as succeeded",
        () -> count("SELECT count(*) FROM webhooks.deliveries WHERE status = 'succeeded'") == WORKSPACES * SEQS);
    assertThat(count("SELECT count(*) FROM webhooks.deliveries")).isEqualTo(WORKSPACES * SEQS);
    assertThat(count("SELECT count(DISTINCT event_id) FROM webhooks.deliveries")).isEqualTo(WORKSPACES * SEQS);

    AtriumProcess verify = started(environment(AtriumProcess.freePort()), "ledger", "verify");
    assertThat(verify.exitWithin(60)).as(verify.output()).isZero();
    assertThat(verify.output()).containsPattern("\\d+ workspaces checked, 0 failing");
  }

  /** An {@code ./atrium api} of this test's run, ready, and its API's base URL. */
  private record Api(AtriumProcess process, String base) {}

  /** A fresh run (database and vhost) named {@code run}, its first API, and a pool on its database. */
  private Api begin(String run) throws Exception {
    config = TestServices.get().anotherRun(run);
    Api api = api();
    pool = Database.pool(vertx, config);
    return api;
  }

  private Api api() throws Exception {
    int port = AtriumProcess.freePort();
    AtriumProcess process = started(environment(port), "api");
    process.awaitReady(port);
    return new Api(process, "http://127.0.0.1:" + port + "/api/v1");
  }

  /** Starts {@code ./atrium <command>}; {@link #stop} ends it. */
  private AtriumProcess started(Map<String, String> environment, String... command) throws java.io.IOException {
    AtriumProcess process = AtriumProcess.start(environment, command);
    processes.add(process);
    return process;
  }

  /**
   * The org's endpoint for {@code top_up.succeeded} at {@code /ledger}. A fifth of the events are refused on their first
   * attempt (their ids go to {@code refusedOnce}): their deliveries wait for a retry.
   */
  private JsonObject ledgerHook(String base, String token, String orgId, Set<String> refusedOnce) throws Exception {
    receiver.answer("/ledger", r -> Math.floorMod(r.id().hashCode(), 5) == 0 && refusedOnce.add(r.id()) ? 500 : 200);
    return send(base, "POST", "/organizations/" + orgId + "/webhooks", token, new JsonObject()
        .put("url", receiver.url("/ledger")).put("events", new JsonArray().add(BillingEvents.TOP_UP_SUCCEEDED)));
  }

  private String orgOf(String base, String token) throws Exception {
    return send(base, "GET", "/me", token, null).getJsonArray("organizations").getJsonObject(0).getString("id");
  }

  /** Top-ups {@code from..to-1} of every workspace, the workspaces in parallel, each workspace's one after another. */
  private void topUps(String base, String token, List<String> workspaces, int from, int to) {
    CompletableFuture.allOf(workspaces.stream().map(ws -> {
      CompletableFuture<JsonObject> chain = CompletableFuture.completedFuture(null);
      for (int n = from; n < to; n++) {
        int number = n;
        chain = chain.thenCompose(previous -> topUp(base, token, ws, number));
      }
      return chain;
    }).toArray(CompletableFuture[]::new)).join();
  }

  /** Amounts from 10.00 up to 59.xx, so each top-up of a workspace differs. */
  private CompletableFuture<JsonObject> topUp(String base, String token, String ws, int number) {
    String amount = (10 + number) + "." + String.format("%02d", number % 100);
    HttpRequest request = request(base, "POST", "/workspaces/" + ws + "/billing/top-ups", token,
        new JsonObject().put("amount", amount)).header("Idempotency-Key", "stream-" + ws + "-" + number).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      assertThat(response.statusCode()).as("top-up " + number + " of " + ws + ": " + response.body()).isEqualTo(202);
      return new JsonObject(response.body());
    });
  }

  private long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
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

  private HttpRequest.Builder request(String base, String method, String path, String token, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private JsonObject send(String base, String method, String path, String token, JsonObject body) throws Exception {
    HttpResponse<String> response = http.send(request(base, method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return new JsonObject(response.body());
  }

  private Map<String, String> worker() {
    Map<String, String> environment = environment(AtriumProcess.freePort());
    environment.put("ATRIUM_WORKER_HTTP_PORT", String.valueOf(AtriumProcess.freePort()));
    return environment;
  }

  private Map<String, String> environment(int port) {
    Map<String, String> environment = AtriumProcess.environment(config, port);
    environment.putAll(Map.of("ATRIUM_SSO_ALLOW_LOCAL_ISSUERS", "true", "ATRIUM_SMTP_HOST", ""));
    // Short retries and leases, so the run takes seconds: the schedule is the same code with other numbers.
    environment.putAll(Map.of("ATRIUM_WEBHOOKS_RETRY_DELAYS", "PT0.5S,PT1S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S",
        "ATRIUM_WEBHOOKS_TIMEOUT_MILLIS", "2000", "ATRIUM_WEBHOOKS_LEASE_SECONDS", "5", "ATRIUM_WEBHOOKS_SWEEP_MILLIS", "100",
        "ATRIUM_OUTBOX_POLL_MILLIS", "20"));
    return environment;
  }
}
