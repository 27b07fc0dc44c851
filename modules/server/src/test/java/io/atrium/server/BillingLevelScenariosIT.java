package io.atrium.server;

import io.atrium.server.testing.Billing;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's `billing` access level, as its holder and the people granting it meet it: beside member, below admin. */
class BillingLevelScenariosIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void anAdminGrantsBillingAndAMemberCannot() {
    TestUser owner = api.newUser("Owner");
    TestUser admin = api.newUser("Admin");
    TestUser member = api.newUser("Member");
    TestUser bookkeeper = api.newUser("Bookkeeper");
    String org = tenants.createOrganization(owner, "Ledgers Ltd");
    String ws = tenants.createWorkspace(org, owner, "Prod");
    tenants.joinWorkspace(ws, owner, admin, "admin");
    tenants.joinWorkspace(ws, owner, member, "member");

    api.post("/api/v1/workspaces/" + ws + "/invitations", member.token(),
        new JsonObject().put("email", bookkeeper.email()).put("accessLevel", "billing")).expectProblem(403, "insufficient_access");
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(member.token())
        .json(new JsonObject().put("accessLevel", "billing")).send().expectProblem(403, "insufficient_access");
    assertThat(api.get("/api/v1/me/invitations", bookkeeper.token()).expect(200).json().getJsonArray("items")).isEmpty();

    tenants.joinWorkspace(ws, admin, bookkeeper, "billing");
    JsonObject seen = api.get("/api/v1/workspaces/" + ws, bookkeeper.token()).expect(200).json();
    assertThat(seen.getString("accessLevel")).isEqualTo("billing");
    assertThat(seen.getBoolean("inherited")).isFalse();
    JsonArray members = api.get("/api/v1/workspaces/" + ws + "/members", bookkeeper.token()).expect(200).json().getJsonArray("items");
    assertThat(MembershipScenariosIT.find(members, bookkeeper.id()).getString("accessLevel")).isEqualTo("billing");

    // Sideways: the admin moves the member to billing and back; the member now has the billing rights and not the server ones.
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(admin.token())
        .json(new JsonObject().put("accessLevel", "billing")).send().expect(200);
    api.post("/api/v1/workspaces/" + ws + "/resources", member.token(), server("web-1")).expectProblem(403, "insufficient_access");
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(admin.token())
        .json(new JsonObject().put("accessLevel", "member")).send().expect(200);
    api.request("PUT", "/api/v1/workspaces/" + ws + "/billing/settings").token(member.token())
        .json(new JsonObject().put("lowBalanceThreshold", "5.00")).send().expectProblem(403, "insufficient_access");
  }

  @Test
  void aBillingUserManagesBillingButTakesNoResourceActions() {
    TestUser owner = api.newUser("Owner");
    TestUser bookkeeper = api.newUser("Bookkeeper");
    String org = tenants.createOrganization(owner, "Books Inc");
    String ws = tenants.createWorkspace(org, owner, "Prod");
    tenants.joinWorkspace(ws, owner, bookkeeper, "billing");
    String base = "/api/v1/workspaces/" + ws;

    // Card, top-up and its outcome, all as the billing user; the worker books it in the billing log they read.
    new Billing(api).fund(bookkeeper.token(), ws, "25.00");
    JsonArray log = api.get(base + "/billing/log", bookkeeper.token()).expect(200).json().getJsonArray("items");
    assertThat(log.getJsonObject(0).getString("type")).isEqualTo("top_up");
    assertThat(log.getJsonObject(0).getString("amount")).isEqualTo("25.00");
    JsonObject settings = api.request("PUT", base + "/billing/settings").token(bookkeeper.token())
        .json(new JsonObject().put("lowBalanceThreshold", "7.50")).send().expect(200).json();
    assertThat(settings.getString("lowBalanceThreshold")).isEqualTo("7.50");
    assertThat(api.get(base + "/billing", owner.token()).expect(200).json().getString("lowBalanceThreshold")).isEqualTo("7.50");
    api.get(base + "/invoices", bookkeeper.token()).expect(200);

    // Resources: read, never act.
    String server = api.post(base + "/resources", owner.token(), server("db-1")).expect(201).json().getString("id");
    assertThat(api.get(base + "/resources/" + server, bookkeeper.token()).expect(200).json().getString("state")).isEqualTo("running");
    api.post(base + "/resources/" + server + "/stop", bookkeeper.token(), new JsonObject()).expectProblem(403, "insufficient_access");
    api.request("DELETE", base + "/resources/" + server).token(bookkeeper.token()).send().expectProblem(403, "insufficient_access");
    api.post(base + "/resources", bookkeeper.token(), server("db-2")).expectProblem(403, "insufficient_access");
    api.post(base + "/usage", bookkeeper.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
        .put("id", UUID.randomUUID().toString()).put("meter", "egress-gb").put("quantity", "1")
        .put("occurredAt", api.clock.instant().toString())))).expectProblem(403, "insufficient_access");
    assertThat(api.get(base + "/resources/" + server, owner.token()).expect(200).json().getString("state")).isEqualTo("running");

    // Members: read, never manage.
    TestUser newcomer = api.newUser("Newcomer");
    api.post(base + "/invitations", bookkeeper.token(), new JsonObject().put("email", newcomer.email()).put("accessLevel", "viewer"))
        .expectProblem(403, "insufficient_access");
    api.post(base + "/invitations", bookkeeper.token(), new JsonObject().put("email", newcomer.email()).put("accessLevel", "billing"))
        .expectProblem(403, "insufficient_access");
    api.get(base + "/members", bookkeeper.token()).expect(200);
    api.request("PATCH", base).token(bookkeeper.token()).json(new JsonObject().put("name", "Mine")).send()
        .expectProblem(403, "insufficient_access");
  }

  @Test
  void anInheritedAdminOutranksADirectBillingLevel() {
    TestUser owner = api.newUser("Owner");
    TestUser both = api.newUser("Both");
    String org = tenants.createOrganization(owner, "Layers Co");
    String ws = tenants.createWorkspace(org, owner, "Prod");
    tenants.billByInvoice(org, ws, owner);
    tenants.joinWorkspace(ws, owner, both, "billing");
    tenants.joinOrganization(org, owner, both, "admin");

    // The workspace learns organization roles from the organization's events: it may take a moment.
    Eventually.holds(Duration.ofSeconds(10), "the organization admin role reaches the workspace",
        () -> "admin".equals(api.get("/api/v1/workspaces/" + ws, both.token()).expect(200).json().getString("accessLevel")));
    JsonObject seen = api.get("/api/v1/workspaces/" + ws, both.token()).expect(200).json();
    assertThat(seen.getBoolean("inherited")).isTrue();
    api.post("/api/v1/workspaces/" + ws + "/resources", both.token(), server("app-1")).expect(201);
  }

  @Test
  void anUnknownLevelIsRefusedNamingTheField() {
    TestUser owner = api.newUser("Owner");
    String org = tenants.createOrganization(owner, "Typo Co");
    String ws = tenants.createWorkspace(org, owner, "Prod");
    JsonObject problem = api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(),
        new JsonObject().put("email", Tenants.freshEmail()).put("accessLevel", "accountant")).expectProblem(400, "validation_failed");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("accessLevel");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("message")).contains("billing");
  }

  private static JsonObject server(String name) {
    return new JsonObject().put("type", "server").put("name", name).put("plan", "1xCPU-1GB");
  }
}
