package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 concurrent top-ups (with repeated Idempotency-Keys), usage posts (with repeated event ids) and
 * consumption runs (the same hour again and again) on one workspace end at exactly the balance a reference
 * model computes from the requests alone, independently of the ledger's code.
 */
class BillingConcurrencyIT {

  private static final long EGRESS_PRICE_MICROS = 10_000; // egress-gb, EUR 0.010000 per GB (config/pricing.json)
  private static final long SERVER_HOUR_MICROS = 7_000;   // 1xCPU-1GB, EUR 0.0070 per hour

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  /** What the requests imply, computed from the requests only. */
  private static final class ReferenceModel {
    final Map<String, Long> topUpsByKey = new HashMap<>();
    final Map<String, Long> usageByEventId = new HashMap<>();
    long consumption;

    long balance(long opening) {
      return opening + topUpsByKey.values().stream().mapToLong(Long::longValue).sum()
          - usageByEventId.values().stream().mapToLong(Long::longValue).sum() - consumption;
    }
  }

  @Test
  void concurrentMoneyMovementsEndAtTheModelsBalance() throws Exception {
    TestUser owner = api.newUser("Concurrent Owner");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Concurrency"), owner, "Busy");
    String base = "/api/v1/workspaces/" + ws;
    api.request("PUT", base + "/billing/payment-method").token(owner.token())
        .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
    String opening = api.request("POST", base + "/billing/top-ups").token(owner.token()).json(new JsonObject().put("amount", "50.00"))
        .send().expect(202).json().getString("id");
    Eventually.holds(Duration.ofSeconds(30), "the opening top-up succeeded",
        () -> "succeeded".equals(api.get(base + "/billing/top-ups/" + opening, owner.token()).json().getString("status")));
    api.post(base + "/resources", owner.token(), new JsonObject().put("type", "server").put("name", "busy-1").put("plan", "1xCPU-1GB"))
        .expect(201);

    ReferenceModel model = new ReferenceModel();
    List<Request> requests = new ArrayList<>();
    Random random = new Random(42);
    String hour = api.clock.instant().truncatedTo(ChronoUnit.HOURS).toString();
    for (int i = 0; i < 1000; i++) {
      if (i % 4 == 0) {
        int key = random.nextInt(200);
        long amount = (10 + key % 7) * 1_000_000L;
        model.topUpsByKey.put("key-" + key, amount);
        requests.add(api.request("POST", base + "/billing/top-ups").token(owner.token()).header("Idempotency-Key", "key-" + key)
            .json(new JsonObject().put("amount", BigDecimal.valueOf(amount, 6).toPlainString())));
      } else if (i % 20 == 1) {
        requests.add(api.request("POST", "/api/v1/admin/consumption-runs").token(api.operator().token())
            .json(new JsonObject().put("hour", hour)));
      } else {
        JsonArray events = new JsonArray();
        for (int e = 0; e < 3; e++) {
          int id = random.nextInt(1500);
          BigDecimal quantity = new BigDecimal((id % 5 + 1) + ".25");
          model.usageByEventId.put("event-" + id, quantity.multiply(BigDecimal.valueOf(EGRESS_PRICE_MICROS)).setScale(0, RoundingMode.HALF_UP).longValueExact());
          events.add(new JsonObject().put("id", "event-" + id).put("meter", "egress-gb").put("quantity", quantity.toPlainString())
              .put("occurredAt", api.clock.instant().toString()));
        }
        requests.add(api.request("POST", base + "/usage").token(owner.token()).json(new JsonObject().put("events", events)));
      }
    }
    model.consumption = SERVER_HOUR_MICROS; // the server ran during this hour: charged once, however many runs

    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (Request request : requests) {
        statuses.add(pool.submit(() -> request.send().status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(202);
      }
    } finally {
      pool.shutdown();
    }

    BigDecimal expected = BigDecimal.valueOf(model.balance(50_000_000L), 6);
    Eventually.holds(Duration.ofSeconds(90), "the balance is the model's " + expected.toPlainString(),
        () -> expected.compareTo(new BigDecimal(api.get(base + "/billing", owner.token()).expect(200).json().getString("balance"))) == 0);
    JsonArray topUps = api.get(base + "/billing/log?type=top_up&limit=200", owner.token()).expect(200).json().getJsonArray("items");
    assertThat(topUps).hasSize(model.topUpsByKey.size() + 1);
    JsonArray consumption = api.get(base + "/billing/log?type=consumption", owner.token()).expect(200).json().getJsonArray("items");
    assertThat(consumption).hasSize(1);
  }
}
