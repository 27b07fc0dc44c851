package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage requests that arrive together are written together (group commit); this fires 600 of them at once over two
 * workspaces, with ids repeated within and across requests, invalid requests, a stranger's requests and requests under
 * Idempotency-Keys, and checks what each client would see: its own answer (a bad neighbour never fails it, a repeated
 * id is counted once, in exactly one answer), the events stored, and the balance the ledger charges for them.
 */
class UsageGroupCommitIT {

  private static final long EGRESS_PRICE_MICROS = 10_000; // egress-gb, EUR 0.010000 per GB (config/pricing.json)

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  /** A request and what it must be answered. */
  private record Sent(String workspace, Request request, int status, String field, String key, int events) {}

  @Test
  void concurrentUsageRequestsAreEachAnsweredForThemselvesAndChargedOnce() throws Exception {
    TestUser owner = api.newUser("Group Owner");
    TestUser stranger = api.newUser("Group Stranger");
    String org = tenants.createOrganization(owner, "Group commit");
    List<String> workspaces = List.of(tenants.createWorkspace(org, owner, "One"), tenants.createWorkspace(org, owner, "Two"));
    String run = UUID.randomUUID().toString().substring(0, 8);

    Map<String, Map<String, Long>> priceById = new HashMap<>(); // per workspace: every event id a valid request holds
    Map<String, JsonArray> keyedBodies = new LinkedHashMap<>();
    List<Sent> sent = new ArrayList<>();
    Random random = new Random(16);
    for (int i = 0; i < 600; i++) {
      String ws = workspaces.get(i % 2);
      String path = "/api/v1/workspaces/" + ws + "/usage";
      JsonArray events = new JsonArray();
      if (i % 23 == 5) { // no access: 404, nothing stored
        events.add(event("stranger-" + run + "-" + i, "egress-gb", "1"));
        sent.add(new Sent(ws, post(path, stranger, events), 404, null, null, 1));
      } else if (i % 7 == 3) { // one bad event among good ones: 400 naming it, none of the request's events stored
        int bad = random.nextInt(4);
        for (int e = 0; e < 4; e++) {
          events.add(e == bad ? event("bad-" + run + "-" + i, "no-such-meter", "1") : event("bad-" + run + "-" + i + "-" + e, "egress-gb", "1"));
        }
        sent.add(new Sent(ws, post(path, owner, events), 400, "events[" + bad + "].meter", null, 4));
      } else if (i % 11 == 0) { // under one of 10 keys: the same body each time, one answer for all
        String key = "group-" + run + "-" + (i % 10);
        JsonArray body = keyedBodies.computeIfAbsent(key + "@" + ws, k -> {
          JsonArray keyed = new JsonArray();
          for (int e = 0; e < 3; e++) {
            keyed.add(event(key + "-" + e, "egress-gb", (e + 1) + ".5"));
          }
          return keyed;
        });
        for (Object e : body) {
          JsonObject event = (JsonObject) e;
          priceById.computeIfAbsent(ws, w -> new HashMap<>()).put(event.getString("id"), price(event.getString("quantity")));
        }
        sent.add(new Sent(ws, post(path, owner, body).header("Idempotency-Key", key), 202, null, key + "@" + ws, 3));
      } else { // 1 to 10 events over 300 ids per workspace: repeats within and across requests, priced by their id
        int n = 1 + random.nextInt(10);
        for (int e = 0; e < n; e++) {
          int id = random.nextInt(300);
          String quantity = (id % 7 + 1) + ".25";
          events.add(event("e-" + run + "-" + id, "egress-gb", quantity));
          priceById.computeIfAbsent(ws, w -> new HashMap<>()).put("e-" + run + "-" + id, price(quantity));
        }
        sent.add(new Sent(ws, post(path, owner, events), 202, null, null, n));
      }
    }

    List<Reply> replies = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(48);
    try {
      List<Future<Reply>> answers = new ArrayList<>();
      for (Sent request : sent) {
        answers.add(clients.submit(() -> request.request().send()));
      }
      for (Future<Reply> answer : answers) {
        replies.add(answer.get());
      }
    } finally {
      clients.shutdown();
    }

    Map<String, Long> acceptedByWorkspace = new HashMap<>();
    Map<String, JsonObject> answerByKey = new HashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      Sent request = sent.get(i);
      Reply reply = replies.get(i);
      assertThat(reply.status()).as("request %d: %s", i, reply.body()).isEqualTo(request.status());
      if (request.status() == 404) {
        reply.expectProblem(404, "not_found");
      } else if (request.status() == 400) {
        reply.expectInvalid(request.field());
      } else {
        JsonObject answer = reply.json();
        assertThat(answer.getInteger("accepted") + answer.getInteger("duplicates")).as("request %d: %s", i, answer).isEqualTo(request.events());
        if (request.key() == null) {
          acceptedByWorkspace.merge(request.workspace(), (long) answer.getInteger("accepted"), Long::sum);
        } else if (answerByKey.putIfAbsent(request.key(), answer) == null) {
          acceptedByWorkspace.merge(request.workspace(), (long) answer.getInteger("accepted"), Long::sum);
        } else {
          assertThat(answer).as("a repeat under %s answers the first answer", request.key()).isEqualTo(answerByKey.get(request.key()));
        }
      }
    }
    // The same key with another body, once the first has committed.
    String reusedKey = answerByKey.keySet().iterator().next();
    String reusedWorkspace = reusedKey.substring(reusedKey.indexOf('@') + 1);
    post("/api/v1/workspaces/" + reusedWorkspace + "/usage", owner, new JsonArray().add(event("other-" + run, "egress-gb", "1")))
        .header("Idempotency-Key", reusedKey.substring(0, reusedKey.indexOf('@'))).send().expectProblem(422, "idempotency_key_reused");

    for (String ws : workspaces) {
      Map<String, Long> prices = priceById.get(ws);
      long expected = prices.values().stream().mapToLong(Long::longValue).sum();
      assertThat(acceptedByWorkspace.get(ws)).as("every id accepted in exactly one answer").isEqualTo((long) prices.size());
      Row stored = TestDatabase.query("SELECT count(*) AS n, coalesce(sum(amount), 0) AS total, count(DISTINCT batch_id) AS batches,"
          + " count(DISTINCT xmin::text) AS transactions FROM billing.usage_events WHERE workspace_id = $1", UUID.fromString(ws)).get(0);
      assertThat(stored.getLong("n")).isEqualTo(prices.size());
      assertThat(stored.getLong("total")).isEqualTo(expected);
      Set<String> ids = new HashSet<>();
      TestDatabase.query("SELECT event_id FROM billing.usage_events WHERE workspace_id = $1", UUID.fromString(ws))
          .forEach(row -> ids.add(row.getString("event_id")));
      assertThat(ids).isEqualTo(prices.keySet());
      System.out.printf("[atrium tests] usage group commit: %d batches stored in %d transactions%n",
          stored.getLong("batches"), stored.getLong("transactions"));

      BigDecimal balance = BigDecimal.valueOf(-expected, 6);
      Eventually.holds(Duration.ofSeconds(60), "the ledger charged " + balance.negate().toPlainString() + " in " + ws, () -> balance.compareTo(
          new BigDecimal(api.get("/api/v1/workspaces/" + ws + "/billing", owner.token()).expect(200).json().getString("balance"))) == 0);
      Row charged = TestDatabase.query("SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM billing.entries"
          + " WHERE workspace_id = $1 AND type = 'usage'", UUID.fromString(ws)).get(0);
      assertThat(charged.getLong("total")).isEqualTo(-expected);
      assertThat(charged.getLong("n")).as("one usage entry per stored batch").isEqualTo(stored.getLong("batches"));
    }
  }

  @Test
  void eventIdsPostgreSqlCannotStoreAreRefusedAndTheirNeighboursAreWritten() throws Exception {
    TestUser owner = api.newUser("Id Owner");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Odd ids"), owner, "Ids");
    String path = "/api/v1/workspaces/" + ws + "/usage";
    String run = UUID.randomUUID().toString().substring(0, 8);
    // JSON escapes, as a client would send them: a lone high or low surrogate, one out of order, and U+0000.
    List<String> badIds = List.of("\\ud800", "x\\udc00y", "\\ude00\\ud83d", "a\\u0000b");
    List<Request> bad = new ArrayList<>();
    for (String badId : badIds) {
      String good = event("ok-" + run + "-" + bad.size(), "egress-gb", "1").encode();
      bad.add(api.request("POST", path).token(owner.token()).raw("{\"events\": [" + good + ", {\"id\": \"" + badId
          + "\", \"meter\": \"egress-gb\", \"quantity\": \"1\", \"occurredAt\": \"" + api.clock.instant() + "\"}]}"));
    }
    List<Request> neighbours = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // A valid pair with an emoji (a well-formed surrogate pair) is stored as sent.
      neighbours.add(post(path, owner, new JsonArray().add(event("n-" + run + "-" + i + "-\ud83d\ude00", "egress-gb", "1"))));
    }
    List<Request> all = new ArrayList<>(bad);
    all.addAll(neighbours);
    List<Reply> replies = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<Reply>> answers = new ArrayList<>();
      for (Request request : all) {
        answers.add(clients.submit(request::send));
      }
      for (Future<Reply> answer : answers) {
        replies.add(answer.get());
      }
    } finally {
      clients.shutdown();
    }
    for (int i = 0; i < bad.size(); i++) {
      replies.get(i).expectInvalid("events[1].id");
    }
    for (int i = bad.size(); i < all.size(); i++) {
      assertThat(replies.get(i).expect(202).json()).isEqualTo(new JsonObject().put("accepted", 1).put("duplicates", 0));
    }
    Set<String> ids = new HashSet<>();
    TestDatabase.query("SELECT event_id FROM billing.usage_events WHERE workspace_id = $1", UUID.fromString(ws))
        .forEach(row -> ids.add(row.getString("event_id")));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < neighbours.size(); i++) {
      expected.add("n-" + run + "-" + i + "-\ud83d\ude00");
    }
    assertThat(ids).as("the neighbours only, as sent; nothing of a refused request").isEqualTo(expected);
  }

  private Request post(String path, TestUser user, JsonArray events) {
    return api.request("POST", path).token(user.token()).json(new JsonObject().put("events", events));
  }

  private JsonObject event(String id, String meter, String quantity) {
    return new JsonObject().put("id", id).put("meter", meter).put("quantity", quantity).put("occurredAt", api.clock.instant().toString());
  }

  private static long price(String quantity) {
    return new BigDecimal(quantity).multiply(BigDecimal.valueOf(EGRESS_PRICE_MICROS)).longValueExact();
  }
}
