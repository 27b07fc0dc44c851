package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Invitations from the inviter's request to the invitee's mailbox and answer. */
class InvitationScenariosIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void theInviteeAcceptsFromTheMailedTokenAndTheirEmailIsVerified() {
    TestUser owner = api.newUser("Host");
    TestUser invitee = api.newUser("Colleague");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Hosting"), owner, "Team");
    JsonObject invitation = api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(),
        new JsonObject().put("email", invitee.email().toUpperCase()).put("accessLevel", "member")).expect(201).json();
    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.encode()).doesNotContain("atr_winv_");

    String mailed = api.mail.latestToken(invitee.email());
    assertThat(api.get("/api/v1/me/invitations", invitee.token()).expect(200).json().getJsonArray("items")).hasSize(1);
    JsonObject accepted = api.post("/api/v1/invitations/accept", invitee.token(), new JsonObject().put("token", mailed)).expect(200).json();
    assertThat(accepted.getString("kind")).isEqualTo("workspace");
    assertThat(accepted.getString("workspaceId")).isEqualTo(ws);
    assertThat(accepted.getString("accessLevel")).isEqualTo("member");
    assertThat(api.get("/api/v1/me", invitee.token()).expect(200).json().getBoolean("emailVerified")).isTrue();
    assertThat(api.get("/api/v1/workspaces/" + ws, invitee.token()).expect(200).json().getString("accessLevel")).isEqualTo("member");

    api.post("/api/v1/invitations/accept", invitee.token(), new JsonObject().put("token", mailed)).expectProblem(409, "conflict");
  }

  @Test
  void theTokenHolderSeesWhatTheyAreInvitedToBeforeSigningIn() {
    TestUser owner = api.newUser("Olga Owner");
    String org = tenants.createOrganization(owner, "Inspected Org");
    String ws = tenants.createWorkspace(org, owner, "Inspected Space");
    String wsEmail = Tenants.freshEmail();
    api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(), new JsonObject().put("email", wsEmail).put("accessLevel", "viewer"))
        .expect(201);
    JsonObject workspace = api.post("/api/v1/invitations/inspect", null, new JsonObject().put("token", api.mail.latestToken(wsEmail)))
        .expect(200).json();
    assertThat(workspace.getString("kind")).isEqualTo("workspace");
    assertThat(workspace.getString("status")).isEqualTo("pending");
    assertThat(workspace.getString("workspaceId")).isEqualTo(ws);
    assertThat(workspace.getString("workspaceName")).isEqualTo("Inspected Space");
    assertThat(workspace.getString("organizationName")).isEqualTo("Inspected Org");
    assertThat(workspace.getString("accessLevel")).isEqualTo("viewer");
    assertThat(workspace.getJsonObject("invitedBy").getString("name")).isEqualTo("Olga Owner");
    assertThat(workspace.getString("expiresAt")).isNotBlank();

    String orgEmail = Tenants.freshEmail();
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", orgEmail).put("role", "admin"))
        .expect(201);
    JsonObject organization = api.post("/api/v1/invitations/inspect", null, new JsonObject().put("token", api.mail.latestToken(orgEmail)))
        .expect(200).json();
    assertThat(organization.getString("kind")).isEqualTo("organization");
    assertThat(organization.getString("organizationId")).isEqualTo(org);
    assertThat(organization.getString("organizationName")).isEqualTo("Inspected Org");
    assertThat(organization.getString("role")).isEqualTo("admin");
    assertThat(organization.getJsonObject("invitedBy").getString("name")).isEqualTo("Olga Owner");
    assertThat(organization.encode()).doesNotContain(orgEmail);

    api.post("/api/v1/invitations/inspect", null, new JsonObject().put("token", "atr_winv_unknown")).expectProblem(404, "not_found");
    api.post("/api/v1/invitations/inspect", null, new JsonObject().put("token", "atr_oinv_unknown")).expectProblem(404, "not_found");
    api.post("/api/v1/invitations/inspect", null, new JsonObject().put("token", 7)).expectProblem(400, "validation_failed");
  }

  @Test
  void onlyTheAddresseeMayAccept() {
    TestUser owner = api.newUser("Sender");
    TestUser intruder = api.newUser("Intruder");
    String org = tenants.createOrganization(owner, "Private");
    String email = Tenants.freshEmail();
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", email).put("role", "member")).expect(201);
    api.post("/api/v1/invitations/accept", intruder.token(), new JsonObject().put("token", api.mail.latestToken(email)))
        .expectProblem(403, "forbidden");
    api.get("/api/v1/organizations/" + org, intruder.token()).expectProblem(404, "not_found");
  }

  @Test
  void anExpiredInvitationIsGone() {
    TestUser owner = api.newUser("Late Host");
    TestUser invitee = api.newUser("Late Guest");
    String org = tenants.createOrganization(owner, "Slow");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", invitee.email()).put("role", "member"))
        .expect(201);
    String token = api.mail.latestToken(invitee.email());
    api.clock.advance(Duration.ofDays(8));
    try {
      // A week later the old session has expired too: the invitee signs in again.
      String session = api.post("/api/v1/sessions", null, new JsonObject().put("email", invitee.email()).put("password", invitee.password()))
          .expect(201).json().getString("token");
      api.post("/api/v1/invitations/accept", session, new JsonObject().put("token", token)).expectProblem(410, "gone");
    } finally {
      api.clock.advance(Duration.ofDays(-8));
    }
  }

  @Test
  void revokedAndDeclinedInvitationsCannotBeAccepted() {
    TestUser owner = api.newUser("Revoker");
    TestUser invitee = api.newUser("Revoked");
    String org = tenants.createOrganization(owner, "Changeable");
    String id = api.post("/api/v1/organizations/" + org + "/invitations", owner.token(),
        new JsonObject().put("email", invitee.email()).put("role", "member")).expect(201).json().getString("id");
    String revoked = api.mail.latestToken(invitee.email());
    api.request("DELETE", "/api/v1/organizations/" + org + "/invitations/" + id).token(owner.token()).send().expect(204);
    api.post("/api/v1/invitations/accept", invitee.token(), new JsonObject().put("token", revoked)).expectProblem(410, "gone");

    int seen = api.mail.to(invitee.email()).size();
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(),
        new JsonObject().put("email", invitee.email()).put("role", "member")).expect(201);
    String declined = api.mail.tokenAfter(invitee.email(), seen);
    api.post("/api/v1/invitations/decline", invitee.token(), new JsonObject().put("token", declined)).expect(204);
    api.post("/api/v1/invitations/accept", invitee.token(), new JsonObject().put("token", declined)).expectProblem(410, "gone");
  }

  @Test
  void existingMembersAndOpenInvitationsConflict() {
    TestUser owner = api.newUser("Duplicator");
    TestUser member = api.newUser("Already In");
    String org = tenants.createOrganization(owner, "Dupes");
    tenants.joinOrganization(org, owner, member, "member");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(),
        new JsonObject().put("email", member.email()).put("role", "member")).expectProblem(409, "conflict");
    String email = Tenants.freshEmail();
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", email).put("role", "member")).expect(201);
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", email).put("role", "admin"))
        .expectProblem(409, "conflict");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", "not-an-email").put("role", "member"))
        .expectInvalid("email");
  }

  @Test
  void unknownTokensAreNotFound() {
    TestUser user = api.newUser("Guesser");
    api.post("/api/v1/invitations/accept", user.token(), new JsonObject().put("token", "atr_oinv_made-up")).expectProblem(404, "not_found");
    api.post("/api/v1/invitations/accept", user.token(), new JsonObject().put("token", "something else")).expectProblem(404, "not_found");
    api.post("/api/v1/invitations/accept", user.token(), new JsonObject()).expectInvalid("token");
  }
}
