package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Servers priced from the catalogue, in the workspace's currency. */
class ResourceScenariosIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void pricingListsPlansAndMetersInEveryCurrency() {
    JsonObject pricing = api.get("/api/v1/pricing", api.newUser("Shopper").token()).expect(200).json();
    JsonObject plan = pricing.getJsonArray("plans").stream().map(JsonObject.class::cast)
        .filter(p -> "1xCPU-1GB".equals(p.getString("id"))).findFirst().orElseThrow();
    assertThat(plan.getJsonObject("hourlyPrice").getString("EUR")).isEqualTo("0.0070");
    assertThat(plan.getJsonObject("hourlyPrice").getString("USD")).isEqualTo("0.0075");
    assertThat(pricing.getJsonArray("meters").getJsonObject(0).getString("unit")).isNotBlank();
  }

  @Test
  void aServerIsPricedInItsWorkspaceCurrencyAndMovesBetweenStates() {
    TestUser owner = api.newUser("Operator");
    String org = tenants.createOrganization(owner, "Servers");
    String ws = api.post("/api/v1/organizations/" + org + "/workspaces", owner.token(),
        new JsonObject().put("name", "Dollars").put("currency", "USD")).expect(201).json().getString("id");
    tenants.billByInvoice(org, ws, owner);
    JsonObject server = api.post("/api/v1/workspaces/" + ws + "/resources", owner.token(),
        new JsonObject().put("type", "server").put("name", "api-1").put("plan", "1xCPU-1GB")).expect(201).json();
    assertThat(server.getString("state")).isEqualTo("running");
    assertThat(server.getString("hourlyPrice")).isEqualTo("0.0075");
    String path = "/api/v1/workspaces/" + ws + "/resources/" + server.getString("id");

    assertThat(api.post(path + "/stop", owner.token(), null).expect(200).json().getString("state")).isEqualTo("stopped");
    assertThat(api.post(path + "/start", owner.token(), null).expect(200).json().getString("state")).isEqualTo("running");
    assertThat(api.get("/api/v1/workspaces/" + ws + "/resources", owner.token()).expect(200).json().getJsonArray("items")).hasSize(1);
    api.request("DELETE", "/api/v1/workspaces/" + ws).token(owner.token()).send().expectProblem(409, "conflict");
    api.request("DELETE", path).token(owner.token()).send().expect(204);
    api.get(path, owner.token()).expectProblem(404, "not_found");
    api.request("DELETE", "/api/v1/workspaces/" + ws).token(owner.token()).send().expect(204);
  }

  @Test
  void badResourceInputNamesTheField() {
    TestUser owner = api.newUser("Careless");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Typos"), owner, "Main");
    String resources = "/api/v1/workspaces/" + ws + "/resources";
    api.post(resources, owner.token(), new JsonObject().put("type", "server").put("name", "x").put("plan", "99xCPU")).expectInvalid("plan");
    api.post(resources, owner.token(), new JsonObject().put("type", "database").put("name", "x").put("plan", "1xCPU-1GB")).expectInvalid("type");
    api.post(resources, owner.token(), new JsonObject().put("type", "server").put("name", "n".repeat(101)).put("plan", "1xCPU-1GB"))
        .expectInvalid("name");
    api.post(resources, owner.token(), new JsonObject().put("type", "server").put("plan", "1xCPU-1GB")).expectInvalid("name");
    api.post("/api/v1/organizations/" + tenants.createOrganization(owner, "Currencies") + "/workspaces", owner.token(),
        new JsonObject().put("name", "Yen").put("currency", "JPY")).expectInvalid("currency");
    assertThat(api.get(resources, owner.token()).expect(200).json().getJsonArray("items")).isEmpty();
  }
}
