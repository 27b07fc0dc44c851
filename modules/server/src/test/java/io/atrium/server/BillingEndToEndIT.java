package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** From the HTTP request through the outbox, RabbitMQ and the worker's ledger back to what the API shows. */
class BillingEndToEndIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void topUpGrantAndUsageReachTheBalanceAndTheLog() throws Exception {
    TestUser owner = api.newUser("Eve EndToEnd");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "E2E"), owner, "Main");
    String base = "/api/v1/workspaces/" + ws;
    api.request("PUT", base + "/billing/payment-method").token(owner.token())
        .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
    String topUp = api.request("POST", base + "/billing/top-ups").token(owner.token()).header("Idempotency-Key", "e2e-1")
        .json(new JsonObject().put("amount", "20.00")).send().expect(202).json().getString("id");
    waitFor(() -> "succeeded".equals(api.get(base + "/billing/top-ups/" + topUp, owner.token()).expect(200).json().getString("status")));
    assertThat(api.metrics().body()).contains("atrium_top_ups_total{outcome=\"succeeded\"}");
    api.request("POST", "/api/v1/admin/workspaces/" + ws + "/credit-grants").token(api.operator().token())
        .json(new JsonObject().put("amount", "5.00").put("reason", "welcome")).send().expect(202);
    api.post(base + "/usage", owner.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
        .put("id", "u1").put("meter", "egress-gb").put("quantity", "100").put("occurredAt", api.clock.instant().toString())))).expect(202);
    // 20.00 + 5.00 - 100 GB × 0.01
    waitFor(() -> "24.00".equals(api.get(base + "/billing", owner.token()).expect(200).json().getString("balance")));
    JsonArray log = api.get(base + "/billing/log", owner.token()).expect(200).json().getJsonArray("items");
    assertThat(log.stream().map(e -> ((JsonObject) e).getString("type"))).containsExactly("usage", "credit_grant", "top_up");
    assertThat(api.get(base + "/billing/usage?granularity=hour", owner.token()).expect(200).json().getString("total")).isEqualTo("1.00");
    // a repeat of the same top-up request charges nothing more
    api.request("POST", base + "/billing/top-ups").token(owner.token()).header("Idempotency-Key", "e2e-1")
        .json(new JsonObject().put("amount", "20.00")).send().expect(202);
    api.request("DELETE", base).token(owner.token()).send().expectProblem(409, "balance_not_zero");
    assertThat(api.get(base + "/billing", owner.token()).expect(200).json().getString("balance")).isEqualTo("24.00");
  }

  private static void waitFor(Supplier<Boolean> condition) {
    Eventually.holds(Duration.ofSeconds(30), "the ledger caught up", condition);
  }
}
