package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A prepaid workspace at zero is suspended with its servers, resumes by itself after a top-up; a declined card fails cleanly. */
class SuspensionIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void runningOutSuspendsAndATopUpResumes() {
    TestUser owner = api.newUser("Spender");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Spending"), owner, "Prepaid");
    String base = "/api/v1/workspaces/" + ws;
    api.request("PUT", base + "/billing/payment-method").token(owner.token())
        .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
    topUp(owner, base, "10.00", "succeeded");
    String server = api.post(base + "/resources", owner.token(),
        new JsonObject().put("type", "server").put("name", "web").put("plan", "1xCPU-1GB")).expect(201).json().getString("id");

    // 1,100 GB of egress at EUR 0.01: EUR 11.00 against a balance of 10.00.
    api.post(base + "/usage", owner.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
        .put("id", "big-transfer").put("meter", "egress-gb").put("quantity", "1100").put("occurredAt", api.clock.instant().toString()))))
        .expect(202);
    Eventually.holds(Duration.ofSeconds(30), "the workspace and its server are suspended", () ->
        "suspended".equals(api.get(base + "/billing", owner.token()).json().getString("status"))
            && "suspended".equals(api.get(base + "/resources/" + server, owner.token()).json().getString("state")));
    assertThat(api.get(base + "/billing", owner.token()).json().getString("balance")).isEqualTo("-1.00");
    api.post(base + "/resources/" + server + "/start", owner.token(), null).expectProblem(409, "conflict");
    api.post(base + "/resources", owner.token(), new JsonObject().put("type", "server").put("name", "more").put("plan", "1xCPU-1GB"))
        .expectProblem(402, "insufficient_credits");

    topUp(owner, base, "10.00", "succeeded");
    Eventually.holds(Duration.ofSeconds(30), "the workspace and its server run again", () ->
        "active".equals(api.get(base + "/billing", owner.token()).json().getString("status"))
            && "running".equals(api.get(base + "/resources/" + server, owner.token()).json().getString("state")));
    assertThat(api.get(base + "/billing", owner.token()).json().getString("balance")).isEqualTo("9.00");

    api.request("PUT", base + "/billing/payment-method").token(owner.token())
        .json(new JsonObject().put("type", "card").put("cardToken", "tok_chargeDeclined")).send().expect(200);
    JsonObject declined = topUp(owner, base, "20.00", "failed");
    assertThat(declined.getString("failureReason")).isEqualTo("card_declined");
    assertThat(api.get(base + "/billing", owner.token()).json().getString("balance")).isEqualTo("9.00");
  }

  private JsonObject topUp(TestUser owner, String base, String amount, String outcome) {
    String id = api.request("POST", base + "/billing/top-ups").token(owner.token()).json(new JsonObject().put("amount", amount))
        .send().expect(202).json().getString("id");
    JsonObject[] last = new JsonObject[1];
    Eventually.holds(Duration.ofSeconds(30), "the top-up is " + outcome, () -> {
      last[0] = api.get(base + "/billing/top-ups/" + id, owner.token()).json();
      return !"pending".equals(last[0].getString("status"));
    });
    assertThat(last[0].getString("status")).isEqualTo(outcome);
    return last[0];
  }
}
