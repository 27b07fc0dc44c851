package io.atrium.workspace;

import io.atrium.platform.Codes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationFlowIT extends WorkspaceHarness {

  @Test
  void theTokenGoesOutByMailOnlyAndAcceptingJoins() {
    JsonObject owner = user("Ines Inviter");
    JsonObject guest = user("Gus Guest");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);

    JsonObject invitation = ask(WorkspaceAddresses.INVITE, in(owner, ws).put("email", guest.getString("email").toUpperCase())
        .put("accessLevel", "member").put("requestId", "req-invite"));
    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getString("expiresAt")).isEqualTo("2030-01-08T00:00:00Z");
    assertThat(invitation.encode()).doesNotContain(WorkspaceAddresses.INVITATION_TOKEN_PREFIX);
    String body = harness.bodiesTo(guest.getString("email")).get(0);
    String token = harness.latestToken(guest.getString("email"));
    assertThat(token).startsWith(WorkspaceAddresses.INVITATION_TOKEN_PREFIX);
    assertThat(body).contains("https://atrium.test/invitations/accept?token=" + token);
    assertThat(ask(WorkspaceAddresses.LIST_INVITATIONS, in(owner, ws)).encode()).doesNotContain(token);
    assertThat(ask(WorkspaceAddresses.INVITATIONS_FOR_EMAIL, new JsonObject().put("email", guest.getString("email")))
        .getJsonArray("items").getJsonObject(0).getString("workspaceName")).isEqualTo(ws.getString("name"));

    JsonObject again = in(owner, ws).put("email", guest.getString("email")).put("accessLevel", "viewer");
    assertThat(rejection(WorkspaceAddresses.INVITE, again).code()).isEqualTo(Codes.CONFLICT);
    JsonObject stranger = user("Sam Stranger");
    JsonObject wrongEmail = as(stranger).put("email", stranger.getString("email")).put("token", token);
    assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, wrongEmail).code()).isEqualTo(Codes.FORBIDDEN);
    JsonObject accept = as(guest).put("email", guest.getString("email")).put("token", token);
    assertThat(ask(WorkspaceAddresses.ACCEPT_INVITATION, accept)).isEqualTo(new JsonObject().put("kind", "workspace")
        .put("organizationId", org).put("workspaceId", ws.getString("id")).put("accessLevel", "member"));
    assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, accept).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ask(WorkspaceAddresses.GET, in(guest, ws)).getString("accessLevel")).isEqualTo("member");
    assertThat(ask(io.atrium.identity.IdentityAddresses.ME, as(guest)).getBoolean("emailVerified")).isTrue();
    assertThat(rejection(WorkspaceAddresses.INVITE, again).code()).isEqualTo(Codes.CONFLICT);
    assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, accept.copy().put("token", token + "x")).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void expiredRevokedAndDeclinedInvitationsAreGone() {
    JsonObject owner = user("Eve Expiry");
    JsonObject admin = user("Abe Limited");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);
    grant(owner, ws, admin, "admin");
    assertThat(rejection(WorkspaceAddresses.INVITE, in(admin, ws).put("email", "boss@example.com").put("accessLevel", "owner")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);

    JsonObject late = user("Lea Late");
    ask(WorkspaceAddresses.INVITE, in(owner, ws).put("email", late.getString("email")).put("accessLevel", "viewer"));
    String lateToken = harness.latestToken(late.getString("email"));
    clock.advance(Duration.ofDays(8));
    try {
      JsonObject accept = as(late).put("email", late.getString("email")).put("token", lateToken);
      assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, accept).code()).isEqualTo(Codes.GONE);
      // an expired invitation no longer blocks a new one
      ask(WorkspaceAddresses.INVITE, in(owner, ws).put("email", late.getString("email")).put("accessLevel", "viewer"));
    } finally {
      clock.advance(Duration.ofDays(-8));
    }

    JsonObject revoked = user("Rob Revoked");
    JsonObject invitation = ask(WorkspaceAddresses.INVITE, in(admin, ws).put("email", revoked.getString("email")).put("accessLevel", "member"));
    String revokedToken = harness.latestToken(revoked.getString("email"));
    ask(WorkspaceAddresses.REVOKE_INVITATION, in(admin, ws).put("invitationId", invitation.getString("id")));
    JsonObject accept = as(revoked).put("email", revoked.getString("email")).put("token", revokedToken);
    assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, accept).code()).isEqualTo(Codes.GONE);

    JsonObject decliner = user("Dora Decliner");
    ask(WorkspaceAddresses.INVITE, in(owner, ws).put("email", decliner.getString("email")).put("accessLevel", "member"));
    JsonObject answer = as(decliner).put("email", decliner.getString("email")).put("token", harness.latestToken(decliner.getString("email")));
    ask(WorkspaceAddresses.DECLINE_INVITATION, answer);
    assertThat(rejection(WorkspaceAddresses.ACCEPT_INVITATION, answer).code()).isEqualTo(Codes.GONE);
    assertThat(rejection(WorkspaceAddresses.GET, in(decliner, ws)).code()).isEqualTo(Codes.NOT_FOUND);
  }
}
