package io.atrium.server.testing;

import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Builds tenants through the public API only: organizations, workspaces, and members who joined by
 * accepting the invitation mailed to them.
 */
public final class Tenants {

  /** Everyone a matrix needs, made once: each world gives them their parts anew. */
  public record Cast(TestUser orgOwner, TestUser orgAdmin, TestUser orgMember, TestUser orgTarget,
                     TestUser wsOwner, TestUser wsAdmin, TestUser wsMember, TestUser wsViewer, TestUser wsTarget,
                     TestUser stranger, TestUser wsBilling) {}

  /** One organization with one workspace, every part played, a pending invitation of each kind and a running server. */
  public record World(String orgId, String workspaceId, String orgInvitationId, String wsInvitationId, String resourceId) {}

  private final TestApi api;

  public Tenants(TestApi api) {
    this.api = api;
  }

  public Cast cast() {
    return new Cast(api.newUser("Olivia Owner"), api.newUser("Adam Admin"), api.newUser("Mia Member"), api.newUser("Otto Target"),
        api.newUser("Wanda Owner"), api.newUser("Walt Admin"), api.newUser("Wes Member"), api.newUser("Vera Viewer"),
        api.newUser("Wyatt Target"), api.newUser("Sam Stranger"), api.newUser("Bea Billing"));
  }

  public World world(Cast cast) {
    String orgId = createOrganization(cast.orgOwner(), "Org " + UUID.randomUUID());
    joinOrganization(orgId, cast.orgOwner(), cast.orgAdmin(), "admin");
    joinOrganization(orgId, cast.orgOwner(), cast.orgMember(), "member");
    joinOrganization(orgId, cast.orgOwner(), cast.orgTarget(), "member");
    String workspaceId = createWorkspace(orgId, cast.orgOwner(), "Production");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsOwner(), "owner");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsAdmin(), "admin");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsMember(), "member");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsViewer(), "viewer");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsTarget(), "viewer");
    joinWorkspace(workspaceId, cast.orgOwner(), cast.wsBilling(), "billing");
    String orgInvitation = api.post("/api/v1/organizations/" + orgId + "/invitations", cast.orgOwner().token(),
        new JsonObject().put("email", freshEmail()).put("role", "member")).expect(201).json().getString("id");
    String wsInvitation = api.post("/api/v1/workspaces/" + workspaceId + "/invitations", cast.orgOwner().token(),
        new JsonObject().put("email", freshEmail()).put("accessLevel", "viewer")).expect(201).json().getString("id");
    billByInvoice(orgId, workspaceId, cast.orgOwner());
    String resource = api.post("/api/v1/workspaces/" + workspaceId + "/resources", cast.orgOwner().token(),
        new JsonObject().put("type", "server").put("name", "web-1").put("plan", "1xCPU-1GB")).expect(201).json().getString("id");
    return new World(orgId, workspaceId, orgInvitation, wsInvitation, resource);
  }

  /**
   * Lets the workspace run resources without credits: an operator makes its organization an invoicing
   * customer and an organization admin attaches the workspace to it. The invoice account's id.
   */
  public String billByInvoice(String orgId, String workspaceId, TestUser orgAdmin) {
    String account = api.post("/api/v1/admin/organizations/" + orgId + "/invoice-accounts", api.operator().token(), new JsonObject()
        .put("name", "Accounts payable").put("billingEmail", "ap@example.com").put("address", "1 Invoice Street")).expect(201).json().getString("id");
    api.request("PUT", "/api/v1/workspaces/" + workspaceId + "/billing/payment-method").token(orgAdmin.token())
        .json(new JsonObject().put("type", "invoice").put("invoiceAccountId", account)).send().expect(200);
    return account;
  }

  public String createOrganization(TestUser owner, String name) {
    return api.post("/api/v1/organizations", owner.token(), new JsonObject().put("name", name)).expect(201).json().getString("id");
  }

  public String createWorkspace(String orgId, TestUser creator, String name) {
    return api.post("/api/v1/organizations/" + orgId + "/workspaces", creator.token(), new JsonObject().put("name", name))
        .expect(201).json().getString("id");
  }

  public void joinOrganization(String orgId, TestUser inviter, TestUser invitee, String role) {
    int seen = api.mail.to(invitee.email()).size();
    api.post("/api/v1/organizations/" + orgId + "/invitations", inviter.token(),
        new JsonObject().put("email", invitee.email()).put("role", role)).expect(201);
    accept(invitee, seen);
  }

  public void joinWorkspace(String workspaceId, TestUser inviter, TestUser invitee, String accessLevel) {
    int seen = api.mail.to(invitee.email()).size();
    api.post("/api/v1/workspaces/" + workspaceId + "/invitations", inviter.token(),
        new JsonObject().put("email", invitee.email()).put("accessLevel", accessLevel)).expect(201);
    accept(invitee, seen);
  }

  private void accept(TestUser invitee, int seen) {
    api.post("/api/v1/invitations/accept", invitee.token(), new JsonObject().put("token", api.mail.tokenAfter(invitee.email(), seen)))
        .expect(200);
  }

  public static String freshEmail() {
    return "invitee-" + UUID.randomUUID() + "@example.com";
  }
}
