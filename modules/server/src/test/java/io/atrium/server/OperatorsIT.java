package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listed email counts as a platform operator only once it is verified and two-factor sign-in is on, and only with a
 * session that proved the second factor; every operator call lands in the operator audit log.
 */
class OperatorsIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void aListedEmailCountsOnlyVerifiedAndWithTwoFactorSignIn() {
    TestUser owner = api.newUser("Customer");
    String org = tenants.createOrganization(owner, "Customer Co");
    String ws = tenants.createWorkspace(org, owner, "Main");
    List<Function<String, Request>> adminCalls = adminCalls(org, ws);

    // Signed up with the listed address (in another case), not verified, no second factor: 403 everywhere. Unverified,
    // it can't enrol an authenticator or make an API token either (a squatter of the address keeps no way in).
    TestUser listed = api.newUser("Listed", TestApi.LISTED_EMAIL.toUpperCase());
    for (Function<String, Request> call : adminCalls) {
      call.apply(listed.token()).send().expectProblem(403, "forbidden");
    }
    assertThat(api.post("/api/v1/me/mfa/totp", listed.token(), new JsonObject()).expectProblem(403, "forbidden").getString("detail"))
        .contains("Verify your email address first");
    api.post("/api/v1/me/api-tokens", listed.token(), new JsonObject().put("name", "ops")).expectProblem(403, "forbidden");
    // Verified, two-factor on, but this session was opened before it (and an API token proves no second factor): 403.
    api.verifyEmail(listed);
    TestApi.Enrolment enrolment = api.enrolTotp(listed);
    String apiToken = api.post("/api/v1/me/api-tokens", listed.token(), new JsonObject().put("name", "ops")).expect(201).json()
        .getString("token");
    for (Function<String, Request> call : adminCalls) {
      call.apply(listed.token()).send().expectProblem(403, "forbidden");
      call.apply(apiToken).send().expectProblem(403, "forbidden");
    }
    // Signed in through the second factor: an operator.
    TestUser proven = api.signInWithSecondFactor(listed, enrolment.recoveryCodes().get(0));
    api.get("/api/v1/admin/audit-log", proven.token()).expect(200);
    JsonObject account = adminCalls.get(0).apply(proven.token()).send().expect(201).json();
    assertThat(account.getString("organizationId")).isEqualTo(org);
    adminCalls.get(1).apply(proven.token()).send().expect(202);

    // The audit log has the calls, with who made them and how they were answered; none of the refused ones.
    String path = "/api/v1/admin/organizations/" + org + "/invoice-accounts";
    Eventually.holds(Duration.ofSeconds(10), "the invoice-account call is logged with its status", () -> entries(proven).stream()
        .anyMatch(e -> e.getString("path").equals(path) && Integer.valueOf(201).equals(e.getInteger("status"))));
    JsonObject entry = entries(proven).stream().filter(e -> e.getString("path").equals(path)).findFirst().orElseThrow();
    assertThat(entry.getString("method")).isEqualTo("POST");
    assertThat(entry.getString("userId")).isEqualTo(proven.id());
    assertThat(entry.getString("email")).isEqualToIgnoringCase(TestApi.LISTED_EMAIL);
    assertThat(entry.getJsonObject("body").getString("name")).isEqualTo("Ops AP");
    assertThat(entries(proven).stream().filter(e -> e.getString("path").equals(path))).hasSize(1);

    // Not listed, verified, with two-factor sign-in: still 403, and the audit log is operators' only.
    TestUser ordinary = api.newUser("Ordinary");
    api.verifyEmail(ordinary);
    ordinary = api.signInWithSecondFactor(ordinary, api.enrolTotp(ordinary).recoveryCodes().get(0));
    for (Function<String, Request> call : adminCalls) {
      call.apply(ordinary.token()).send().expectProblem(403, "forbidden");
    }
    api.get("/api/v1/admin/audit-log", null).expectProblem(401, "unauthenticated");
  }

  @Test
  void theAuditLogPages() {
    TestUser operator = api.operator();
    for (int i = 0; i < 3; i++) {
      api.get("/api/v1/admin/audit-log?limit=1", operator.token()).expect(200);
    }
    JsonObject first = api.get("/api/v1/admin/audit-log?limit=2", operator.token()).expect(200).json();
    assertThat(first.getJsonArray("items")).hasSize(2);
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonObject second = api.get("/api/v1/admin/audit-log?limit=2&cursor=" + cursor, operator.token()).expect(200).json();
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(first.getJsonArray("items").getJsonObject(1).getString("id"));
    api.get("/api/v1/admin/audit-log?cursor=bogus", operator.token()).expectInvalid("cursor");
    api.get("/api/v1/admin/audit-log?limit=0", operator.token()).expectInvalid("limit");
  }

  private List<Function<String, Request>> adminCalls(String org, String ws) {
    return List.of(
        token -> api.request("POST", "/api/v1/admin/organizations/" + org + "/invoice-accounts").token(token)
            .json(new JsonObject().put("name", "Ops AP").put("billingEmail", "ap@example.com").put("address", "Street 1")),
        token -> api.request("POST", "/api/v1/admin/workspaces/" + ws + "/credit-grants").token(token)
            .header("Idempotency-Key", UUID.randomUUID().toString()).json(new JsonObject().put("amount", "1.00").put("reason", "ops")),
        token -> api.request("POST", "/api/v1/admin/consumption-runs").token(token).json(new JsonObject().put("hour", "2020-01-01T00:00:00Z")),
        token -> api.request("POST", "/api/v1/admin/invoice-runs").token(token).json(new JsonObject().put("period", "2020-01")),
        token -> api.request("GET", "/api/v1/admin/audit-log").token(token));
  }

  private List<JsonObject> entries(TestUser operator) {
    JsonArray items = api.get("/api/v1/admin/audit-log?limit=200", operator.token()).expect(200).json().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).toList();
  }
}
