package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's membership rules, each as a user meets it. */
class MembershipScenariosIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void anOrganizationAdminCannotPromoteAnyoneToOwner() {
    TestUser owner = api.newUser("Owner");
    TestUser admin = api.newUser("Admin");
    TestUser member = api.newUser("Member");
    String org = tenants.createOrganization(owner, "Acme");
    tenants.joinOrganization(org, owner, admin, "admin");
    tenants.joinOrganization(org, owner, member, "member");

    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(admin.token())
        .json(new JsonObject().put("role", "owner")).send().expectProblem(403, "insufficient_access");
    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(admin.token())
        .json(new JsonObject().put("role", "admin")).send().expect(200);
    api.request("DELETE", "/api/v1/organizations/" + org + "/members/" + owner.id()).token(admin.token()).send()
        .expectProblem(403, "insufficient_access");
    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(admin.token())
        .json(new JsonObject().put("role", "superuser")).send().expectInvalid("role");
  }

  @Test
  void theLastOwnerCannotLeaveOrBeDemoted() {
    TestUser owner = api.newUser("Solo");
    String org = tenants.createOrganization(owner, "Solo Inc");
    api.request("DELETE", "/api/v1/organizations/" + org + "/members/" + owner.id()).token(owner.token()).send()
        .expectProblem(409, "last_owner");
    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + owner.id()).token(owner.token())
        .json(new JsonObject().put("role", "member")).send().expectProblem(409, "last_owner");

    String ws = tenants.createWorkspace(org, owner, "Only");
    TestUser second = api.newUser("Second");
    tenants.joinWorkspace(ws, owner, second, "admin");
    // The owner is both the direct owner and the inherited one: leaving the workspace directly keeps the inherited owner.
    api.request("DELETE", "/api/v1/workspaces/" + ws + "/members/" + second.id()).token(second.token()).send().expect(204);
  }

  @Test
  void aWorkspaceAdminCannotRemoveAnInheritedOwnerAndInheritedAccessIsMarked() {
    TestUser orgOwner = api.newUser("Inheriting Owner");
    TestUser wsAdmin = api.newUser("Workspace Admin");
    String org = tenants.createOrganization(orgOwner, "Inherit Co");
    TestUser creator = api.newUser("Creator");
    tenants.joinOrganization(org, orgOwner, creator, "admin");
    String ws = tenants.createWorkspace(org, creator, "Prod");
    tenants.joinWorkspace(ws, creator, wsAdmin, "admin");

    JsonArray members = api.get("/api/v1/workspaces/" + ws + "/members", wsAdmin.token()).expect(200).json().getJsonArray("items");
    JsonObject inheritedOwner = find(members, orgOwner.id());
    assertThat(inheritedOwner.getString("accessLevel")).isEqualTo("owner");
    assertThat(inheritedOwner.getBoolean("inherited")).isTrue();
    assertThat(inheritedOwner.getString("email")).isEqualTo(orgOwner.email());

    api.request("DELETE", "/api/v1/workspaces/" + ws + "/members/" + orgOwner.id()).token(wsAdmin.token()).send()
        .expectProblem(403, "insufficient_access");
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + wsAdmin.id()).token(wsAdmin.token())
        .json(new JsonObject().put("accessLevel", "owner")).send().expectProblem(403, "insufficient_access");
  }

  @Test
  void removalFromTheOrganizationKeepsDirectWorkspaceMembership() {
    TestUser owner = api.newUser("Keeper");
    TestUser contractor = api.newUser("Contractor");
    String org = tenants.createOrganization(owner, "Keep Ltd");
    String ws = tenants.createWorkspace(org, owner, "Shared");
    tenants.joinOrganization(org, owner, contractor, "admin");
    tenants.joinWorkspace(ws, owner, contractor, "viewer");

    api.request("DELETE", "/api/v1/organizations/" + org + "/members/" + contractor.id()).token(owner.token()).send().expect(204);

    api.get("/api/v1/organizations/" + org, contractor.token()).expectProblem(404, "not_found");
    JsonObject workspace = api.get("/api/v1/workspaces/" + ws, contractor.token()).expect(200).json();
    assertThat(workspace.getString("accessLevel")).isEqualTo("viewer");
    assertThat(workspace.getBoolean("inherited")).isFalse();
  }

  @Test
  void theCurrentWorkspaceFollowsTheUserAndClearsWhenAccessEnds() {
    TestUser owner = api.newUser("Chooser");
    TestUser guest = api.newUser("Guest");
    String org = tenants.createOrganization(owner, "Choice");
    String ws = tenants.createWorkspace(org, owner, "Chosen");
    tenants.joinWorkspace(ws, owner, guest, "member");

    JsonObject me = api.request("PATCH", "/api/v1/me").token(guest.token())
        .json(new JsonObject().put("currentWorkspaceId", ws)).send().expect(200).json();
    assertThat(me.getString("currentWorkspaceId")).isEqualTo(ws);
    assertThat(me.getJsonArray("workspaces").stream().map(w -> ((JsonObject) w).getString("id"))).contains(ws);

    api.request("DELETE", "/api/v1/workspaces/" + ws + "/members/" + guest.id()).token(owner.token()).send().expect(204);
    assertThat(api.get("/api/v1/me", guest.token()).expect(200).json().getValue("currentWorkspaceId")).isNull();
    api.request("PATCH", "/api/v1/me").token(guest.token())
        .json(new JsonObject().put("currentWorkspaceId", ws)).send().expectProblem(404, "not_found");
  }

  @Test
  void anOrganizationWithWorkspacesCannotBeDeleted() {
    TestUser owner = api.newUser("Deleter");
    String org = tenants.createOrganization(owner, "Temporary");
    String ws = tenants.createWorkspace(org, owner, "Blocker");
    api.request("DELETE", "/api/v1/organizations/" + org).token(owner.token()).send().expectProblem(409, "conflict");
    api.request("DELETE", "/api/v1/workspaces/" + ws).token(owner.token()).send().expect(204);
    api.request("DELETE", "/api/v1/organizations/" + org).token(owner.token()).send().expect(204);
    api.get("/api/v1/organizations/" + org, owner.token()).expectProblem(404, "not_found");
  }

  @Test
  void theAuditLogRecordsWhoDidWhatToWhomAndTheRequestId() {
    TestUser owner = api.newUser("Auditor");
    TestUser member = api.newUser("Audited");
    String org = tenants.createOrganization(owner, "Audited Org");
    tenants.joinOrganization(org, owner, member, "member");
    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + member.id()).token(owner.token())
        .header("X-Request-Id", "audit-trace-1").json(new JsonObject().put("role", "admin")).send().expect(200);

    JsonArray entries = api.get("/api/v1/organizations/" + org + "/audit-log", owner.token()).expect(200).json().getJsonArray("items");
    JsonObject newest = entries.getJsonObject(0);
    assertThat(newest.encode()).contains(owner.id(), member.id(), "audit-trace-1");
    assertThat(entries.size()).isGreaterThanOrEqualTo(3);
  }

  /** The member with this id in a member list; BillingLevelScenariosIT reads lists with it too. */
  static JsonObject find(JsonArray members, String userId) {
    return members.stream().map(JsonObject.class::cast).filter(m -> userId.equals(m.getString("userId"))).findFirst()
        .orElseThrow(() -> new AssertionError(userId + " not among " + members.encode()));
  }
}
