package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Platform operators" over HTTP: the operator of TestApi's config; everyone else is 403. */
class AdminApiIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void invoiceAccountsNeedAnExistingOrganizationAndAreListedToItsAdmins() {
    TestUser owner = api.newUser("Ivan Invoice");
    String org = tenants.createOrganization(owner, "Invoiced");
    JsonObject body = new JsonObject().put("name", "ACME AP").put("billingEmail", "ap@acme.test").put("address", "1 Road").put("vatId", "FI123");
    api.post("/api/v1/admin/organizations/" + UUID.randomUUID() + "/invoice-accounts", api.operator().token(), body).expectProblem(404, "not_found");
    api.post("/api/v1/admin/organizations/" + org + "/invoice-accounts", owner.token(), body).expectProblem(403, "forbidden");
    api.post("/api/v1/admin/organizations/" + org + "/invoice-accounts", api.operator().token(), body.copy().put("billingEmail", "nope"))
        .expectInvalid("billingEmail");
    JsonObject account = api.post("/api/v1/admin/organizations/" + org + "/invoice-accounts", api.operator().token(), body).expect(201).json();
    assertThat(account.getString("organizationId")).isEqualTo(org);
    assertThat(account.getString("vatId")).isEqualTo("FI123");
    assertThat(api.get("/api/v1/organizations/" + org + "/invoice-accounts", owner.token()).expect(200).json().getJsonArray("items"))
        .singleElement().isEqualTo(account);
  }

  @Test
  void creditGrantsAreIdempotent() {
    TestUser owner = api.newUser("Greta Grant");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Granted"), owner, "Main");
    JsonObject grant = new JsonObject().put("amount", "50.00").put("reason", "welcome")
        .put("expiresAt", api.clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString());
    String path = "/api/v1/admin/workspaces/" + ws + "/credit-grants";
    JsonObject first = api.request("POST", path).token(api.operator().token()).header("Idempotency-Key", "grant-1").json(grant).send()
        .expect(202).json();
    assertThat(first.getString("status")).isEqualTo("pending");
    assertThat(first.getString("amount")).isEqualTo("50.00");
    assertThat(api.request("POST", path).token(api.operator().token()).header("Idempotency-Key", "grant-1").json(grant).send().expect(202).json())
        .isEqualTo(first);
    api.request("POST", path).token(api.operator().token()).header("Idempotency-Key", "grant-1").json(grant.copy().put("amount", "60.00")).send()
        .expectProblem(422, "idempotency_key_reused");
    api.post("/api/v1/admin/workspaces/" + UUID.randomUUID() + "/credit-grants", api.operator().token(), grant).expectProblem(404, "not_found");
  }

  @Test
  void consumptionRunsRefuseHoursThatHaveNotStarted() {
    String thisHour = api.clock.instant().truncatedTo(ChronoUnit.HOURS).toString();
    String nextHour = api.clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).toString();
    api.post("/api/v1/admin/consumption-runs", api.operator().token(), new JsonObject().put("hour", nextHour)).expectInvalid("hour");
    api.post("/api/v1/admin/consumption-runs", api.operator().token(), new JsonObject().put("hour", "2030-01-01T10:15:00Z")).expectInvalid("hour");
    TestUser owner = api.newUser("Runa Run");
    String org = tenants.createOrganization(owner, "Runs");
    String ws = tenants.createWorkspace(org, owner, "Main");
    tenants.billByInvoice(org, ws, owner);
    api.post("/api/v1/workspaces/" + ws + "/resources", owner.token(),
        new JsonObject().put("type", "server").put("name", "r").put("plan", "1xCPU-1GB")).expect(201);
    JsonObject run = api.post("/api/v1/admin/consumption-runs", api.operator().token(), new JsonObject().put("hour", thisHour)).expect(202).json();
    assertThat(run.getString("hour")).isEqualTo(thisHour);
    assertThat(run.getInteger("jobs")).isPositive();
    assertThat(api.post("/api/v1/admin/consumption-runs", api.operator().token(), new JsonObject().put("hour", thisHour)).expect(202).json()
        .getInteger("jobs")).isEqualTo(run.getInteger("jobs"));
  }
}
