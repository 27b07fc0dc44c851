package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the organization, workspace and invitation routes: a 400 naming the field, and nothing written. */
class TenantBadInputIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void organizationsAndWorkspaces() {
    TestUser owner = api.newUser("Strict");
    api.post("/api/v1/organizations", owner.token(), new JsonObject()).expectInvalid("name");
    api.post("/api/v1/organizations", owner.token(), new JsonObject().put("name", 7)).expectInvalid("name");
    api.post("/api/v1/organizations", owner.token(), new JsonObject().put("name", "o".repeat(201))).expectInvalid("name");
    api.request("POST", "/api/v1/organizations").token(owner.token()).raw("{").send().expectInvalid("body");
    String org = tenants.createOrganization(owner, "Strict Org");
    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject().put("name", " ")).send().expectInvalid("name");
    api.post("/api/v1/organizations/" + org + "/workspaces", owner.token(), new JsonObject().put("name", "")).expectInvalid("name");
    api.post("/api/v1/organizations/" + org + "/workspaces", owner.token(), new JsonObject().put("name", "W").put("currency", 978))
        .expectInvalid("currency");
    assertThat(api.get("/api/v1/organizations/" + org + "/workspaces", owner.token()).expect(200).json().getJsonArray("items")).isEmpty();
    assertThat(api.get("/api/v1/organizations/" + org, owner.token()).expect(200).json().getString("name")).isEqualTo("Strict Org");
  }

  @Test
  void membersAndInvitations() {
    TestUser owner = api.newUser("Picky");
    TestUser member = api.newUser("Picked");
    String org = tenants.createOrganization(owner, "Picky Org");
    String ws = tenants.createWorkspace(org, owner, "Picky WS");
    tenants.joinOrganization(org, owner, member, "member");
    tenants.joinWorkspace(ws, owner, member, "viewer");

    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(owner.token())
        .json(new JsonObject().put("role", "viewer")).send().expectInvalid("role");
    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(owner.token())
        .json(new JsonObject()).send().expectInvalid("role");
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(owner.token())
        .json(new JsonObject().put("accessLevel", "god")).send().expectInvalid("accessLevel");
    api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(), new JsonObject().put("email", "x@example.com").put("accessLevel", 3))
        .expectInvalid("accessLevel");
    api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(), new JsonObject().put("accessLevel", "viewer")).expectInvalid("email");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", "e".repeat(250) + "@x.io").put("role", "member"))
        .expectInvalid("email");
    api.get("/api/v1/organizations/" + org + "/members?limit=500", owner.token()).expectInvalid("limit");
    api.get("/api/v1/workspaces/" + ws + "/audit-log?cursor=not-a-cursor", owner.token()).expectInvalid("cursor");
    api.get("/api/v1/workspaces/not-a-uuid", owner.token()).expectProblem(404, "not_found");

    JsonObject still = api.get("/api/v1/workspaces/" + ws, member.token()).expect(200).json();
    assertThat(still.getString("accessLevel")).isEqualTo("viewer");
    // Only the invitation the member accepted: none of the bad ones was stored.
    assertThat(api.get("/api/v1/workspaces/" + ws + "/invitations", owner.token()).expect(200).json().getJsonArray("items")).hasSize(1);
  }
}
