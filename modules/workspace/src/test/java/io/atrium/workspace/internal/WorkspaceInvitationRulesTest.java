package io.atrium.workspace.internal;

import io.atrium.platform.Codes;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's invitation rules for workspaces, on the use cases with in-memory ports. */
class WorkspaceInvitationRulesTest {

  private static final String NEWCOMER = "newcomer@example.com";

  private final WorkspaceRules ws = new WorkspaceRules();
  private final UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
  private final UUID admin = ws.direct("admin@example.com", AccessLevel.ADMIN);
  private final UUID member = ws.direct("member@example.com", AccessLevel.MEMBER);

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void anAdminInvitesForSevenDaysAndTheTokenGoesOnlyByMail() {
    JsonObject invitation = ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await();

    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getString("accessLevel")).isEqualTo("member");
    assertThat(invitation.getString("expiresAt")).isEqualTo("2026-12-04T12:00:00Z");
    String token = ws.tokenMailedTo(NEWCOMER);
    assertThat(invitation.encode()).doesNotContain(token);
    assertThat(ws.mailTo(NEWCOMER)).contains("https://atrium.test/invitations/accept?token=" + token);
    assertThat(ws.audit.actions()).containsExactly("invitation.created");
  }

  @Test
  void onlyAdminsInviteAndNobodyAboveTheirOwnLevel() {
    assertThat(rejectionOf(ws.invite(member, NEWCOMER, AccessLevel.VIEWER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(ws.invite(admin, NEWCOMER, AccessLevel.OWNER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(ws.storage.mails()).isEmpty();

    assertThat(ws.invite(owner, NEWCOMER, AccessLevel.OWNER).await().getString("accessLevel")).isEqualTo("owner");
  }

  @Test
  void aDirectMemberOrAnOpenInvitationIsAConflictUntilItLapses() {
    ws.orgRole("org-admin@example.com", "admin");

    assertThat(rejectionOf(ws.invite(admin, "Member@Example.com", AccessLevel.VIEWER)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ws.invite(admin, "org-admin@example.com", AccessLevel.MEMBER).await().getString("status")).isEqualTo("pending");
    ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await();
    assertThat(rejectionOf(ws.invite(admin, NEWCOMER, AccessLevel.VIEWER)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ws.storage.rolledBack()).isEqualTo(1);

    ws.clock.advance(Duration.ofDays(7));

    assertThat(ws.invite(admin, NEWCOMER, AccessLevel.VIEWER).await().getString("status")).isEqualTo("pending");
  }

  @Test
  void acceptingGivesTheLevelAndMarksTheEmailVerified() {
    ws.invite(admin, NEWCOMER, AccessLevel.BILLING).await();
    UUID newcomer = ws.users.add(NEWCOMER);

    JsonObject accepted = ws.accept(newcomer, NEWCOMER, ws.tokenMailedTo(NEWCOMER)).await();

    assertThat(accepted).isEqualTo(new JsonObject().put("kind", "workspace").put("organizationId", ws.organizationId.toString())
        .put("workspaceId", ws.workspaceId.toString()).put("accessLevel", "billing"));
    assertThat(ws.directOf(newcomer)).isEqualTo(AccessLevel.BILLING);
    assertThat(ws.users.verified).containsExactly(newcomer);
  }

  @Test
  void acceptingKeepsAHigherLevelButMovesSideways() {
    ws.invite(owner, NEWCOMER, AccessLevel.VIEWER).await();
    ws.invite(owner, "sideways@example.com", AccessLevel.BILLING).await();
    UUID newcomer = ws.direct(NEWCOMER, AccessLevel.ADMIN);
    UUID sideways = ws.direct("sideways@example.com", AccessLevel.MEMBER);

    assertThat(ws.accept(newcomer, NEWCOMER, ws.tokenMailedTo(NEWCOMER)).await().getString("accessLevel")).isEqualTo("admin");
    ws.accept(sideways, "sideways@example.com", ws.tokenMailedTo("sideways@example.com")).await();

    assertThat(ws.directOf(newcomer)).isEqualTo(AccessLevel.ADMIN);
    assertThat(ws.directOf(sideways)).isEqualTo(AccessLevel.BILLING);
  }

  @Test
  void onlyTheAddressInvitedAcceptsAndAnUnknownTokenIsNotFound() {
    ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await();
    String token = ws.tokenMailedTo(NEWCOMER);

    assertThat(rejectionOf(ws.accept(member, "member@example.com", token)).code()).isEqualTo(Codes.FORBIDDEN);
    assertThat(rejectionOf(ws.accept(member, "member@example.com", token + "x")).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(ws.users.verified).isEmpty();
  }

  @Test
  void anExpiredRevokedOrDeclinedInvitationIsGoneAndAUsedOneAConflict() {
    ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await();
    String revokedId = ws.invite(admin, "revoked@example.com", AccessLevel.MEMBER).await().getString("id");
    ws.invite(admin, "declined@example.com", AccessLevel.MEMBER).await();
    ws.invite(admin, "late@example.com", AccessLevel.MEMBER).await();
    UUID newcomer = ws.users.add(NEWCOMER);
    UUID declined = ws.users.add("declined@example.com");
    ws.revoke(admin, revokedId).await();
    ws.decline(declined, "declined@example.com", ws.tokenMailedTo("declined@example.com")).await();
    ws.clock.advance(Duration.ofDays(7).minusSeconds(1));

    ws.accept(newcomer, NEWCOMER, ws.tokenMailedTo(NEWCOMER)).await();
    ws.clock.advance(Duration.ofSeconds(1));

    assertThat(rejectionOf(ws.accept(newcomer, NEWCOMER, ws.tokenMailedTo(NEWCOMER))).code()).isEqualTo(Codes.CONFLICT);
    assertThat(rejectionOf(ws.accept(ws.users.add("late@example.com"), "late@example.com", ws.tokenMailedTo("late@example.com"))).code())
        .isEqualTo(Codes.GONE);
    assertThat(rejectionOf(ws.accept(ws.users.add("revoked@example.com"), "revoked@example.com", ws.tokenMailedTo("revoked@example.com")))
        .code()).isEqualTo(Codes.GONE);
    assertThat(rejectionOf(ws.accept(declined, "declined@example.com", ws.tokenMailedTo("declined@example.com"))).code())
        .isEqualTo(Codes.GONE);
  }

  @Test
  void anAdminRevokesNoOwnerInvitationAndRevokingTwiceIsAConflict() {
    String ownerInvitation = ws.invite(owner, "boss@example.com", AccessLevel.OWNER).await().getString("id");
    String memberInvitation = ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await().getString("id");

    assertThat(rejectionOf(ws.revoke(admin, ownerInvitation)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(ws.revoke(member, memberInvitation)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    ws.revoke(admin, memberInvitation).await();

    assertThat(rejectionOf(ws.revoke(admin, memberInvitation)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ws.invitations.statusOf(UUID.fromString(memberInvitation))).isEqualTo("revoked");
    assertThat(ws.invitations.statusOf(UUID.fromString(ownerInvitation))).isEqualTo("pending");
  }

  @Test
  void anInvitationToADeletedWorkspaceIsGone() {
    ws.invite(admin, NEWCOMER, AccessLevel.MEMBER).await();
    ws.data.workspaces.remove(ws.workspaceId);

    assertThat(rejectionOf(ws.accept(ws.users.add(NEWCOMER), NEWCOMER, ws.tokenMailedTo(NEWCOMER))).code()).isEqualTo(Codes.GONE);
  }
}
