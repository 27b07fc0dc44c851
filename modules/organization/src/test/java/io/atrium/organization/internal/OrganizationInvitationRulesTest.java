package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's invitation rules for organizations, on the use cases with in-memory storage. */
class OrganizationInvitationRulesTest {

  private static final String NEWCOMER = "newcomer@example.com";

  private final OrganizationRules org = new OrganizationRules();

  @AfterEach
  void close() {
    org.close();
  }

  @Test
  void anInvitationIsPendingForSevenDaysAndItsTokenGoesOnlyByMail() {
    JsonObject invitation = org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await();

    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getString("expiresAt")).isEqualTo("2026-12-04T12:00:00Z");
    String token = org.tokenMailedTo(NEWCOMER);
    assertThat(invitation.encode()).doesNotContain(token);
    assertThat(org.tables.storage.mails()).singleElement().satisfies(mail -> assertThat(mail.text())
        .contains("https://atrium.test/invitations/accept?token=" + token));
    assertThat(org.tables.auditLog.actions()).containsExactly("invitation.created");
  }

  @Test
  void onlyAdminsInviteAndNobodyAboveTheirOwnRole() {
    assertThat(rejectionOf(org.invite(org.member, NEWCOMER, OrganizationRole.MEMBER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(org.invite(org.admin, NEWCOMER, OrganizationRole.OWNER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(org.tables.invitations.all()).isEmpty();
    assertThat(org.tables.storage.mails()).isEmpty();

    assertThat(org.invite(org.owner, NEWCOMER, OrganizationRole.OWNER).await().getString("role")).isEqualTo("owner");
  }

  @Test
  void aMemberOrAnOpenInvitationIsAConflictUntilTheInvitationExpires() {
    assertThat(rejectionOf(org.invite(org.admin, "MEMBER@example.com", OrganizationRole.MEMBER)).code()).isEqualTo(Codes.CONFLICT);
    org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await();
    assertThat(rejectionOf(org.invite(org.admin, NEWCOMER, OrganizationRole.ADMIN)).code()).isEqualTo(Codes.CONFLICT);

    org.clock.advance(Duration.ofDays(7));

    assertThat(org.invite(org.admin, NEWCOMER, OrganizationRole.ADMIN).await().getString("status")).isEqualTo("pending");
  }

  @Test
  void acceptingJoinsWithTheRoleAndMarksTheEmailVerified() {
    org.invite(org.admin, NEWCOMER, OrganizationRole.ADMIN).await();
    UUID newcomer = org.users.add(NEWCOMER).id();

    JsonObject accepted = org.accept(newcomer, NEWCOMER, org.tokenMailedTo(NEWCOMER)).await();

    assertThat(accepted).isEqualTo(new JsonObject().put("kind", "organization")
        .put("organizationId", org.organizationId.toString()).put("role", "admin"));
    assertThat(org.roleOf(newcomer)).isEqualTo(OrganizationRole.ADMIN);
    assertThat(org.users.verified).containsExactly(newcomer);
    assertThat(org.replicaNotices).singleElement().satisfies(notice -> assertThat(notice.getString("role")).isEqualTo("admin"));
  }

  @Test
  void onlyTheAddressInvitedAcceptsAndAnUnknownTokenIsNotFound() {
    org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await();
    String token = org.tokenMailedTo(NEWCOMER);

    assertThat(rejectionOf(org.accept(org.member, "member@example.com", token)).code()).isEqualTo(Codes.FORBIDDEN);
    assertThat(rejectionOf(org.accept(org.member, "member@example.com", token.substring(0, token.length() - 2) + "xx")).code())
        .isEqualTo(Codes.NOT_FOUND);
    assertThat(rejectionOf(org.accept(org.member, "member@example.com", "not-a-token")).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(org.users.verified).isEmpty();
  }

  @Test
  void anExpiredInvitationIsGoneAndAUsedOneAConflict() {
    org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await();
    org.invite(org.admin, "late@example.com", OrganizationRole.MEMBER).await();
    UUID newcomer = org.users.add(NEWCOMER).id();
    UUID late = org.users.add("late@example.com").id();
    org.clock.advance(Duration.ofDays(7).minusSeconds(1));

    org.accept(newcomer, NEWCOMER, org.tokenMailedTo(NEWCOMER)).await();
    assertThat(rejectionOf(org.accept(newcomer, NEWCOMER, org.tokenMailedTo(NEWCOMER))).code()).isEqualTo(Codes.CONFLICT);
    org.clock.advance(Duration.ofSeconds(1));

    assertThat(rejectionOf(org.accept(late, "late@example.com", org.tokenMailedTo("late@example.com"))).code()).isEqualTo(Codes.GONE);
    assertThat(Codes.GONE.status()).isEqualTo(410);
    assertThat(org.roleOf(late)).isNull();
  }

  @Test
  void aRevokedOrDeclinedInvitationIsGone() {
    String revokedId = org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await().getString("id");
    org.invite(org.admin, "decliner@example.com", OrganizationRole.MEMBER).await();
    UUID newcomer = org.users.add(NEWCOMER).id();
    UUID decliner = org.users.add("decliner@example.com").id();

    org.revoke(org.admin, revokedId).await();
    org.decline(decliner, "decliner@example.com", org.tokenMailedTo("decliner@example.com")).await();

    assertThat(rejectionOf(org.accept(newcomer, NEWCOMER, org.tokenMailedTo(NEWCOMER))).code()).isEqualTo(Codes.GONE);
    assertThat(rejectionOf(org.accept(decliner, "decliner@example.com", org.tokenMailedTo("decliner@example.com"))).code())
        .isEqualTo(Codes.GONE);
  }

  @Test
  void acceptingKeepsAHigherRoleTakenMeanwhileAndLiftsAnEarlierRemoval() {
    org.invite(org.owner, NEWCOMER, OrganizationRole.MEMBER).await();
    UUID newcomer = org.member(NEWCOMER, OrganizationRole.ADMIN);
    org.remove(org.owner, org.member).await();
    org.invite(org.admin, "member@example.com", OrganizationRole.MEMBER).await();

    JsonObject accepted = org.accept(newcomer, NEWCOMER, org.tokenMailedTo(NEWCOMER)).await();
    org.accept(org.member, "member@example.com", org.tokenMailedTo("member@example.com")).await();

    assertThat(accepted.getString("role")).isEqualTo("admin");
    assertThat(org.roleOf(newcomer)).isEqualTo(OrganizationRole.ADMIN);
    assertThat(org.tables.memberships.wasRemoved(org.organizationId, org.member).await()).isFalse();
  }

  @Test
  void anAdminRevokesNoOwnerInvitationAndAnAnsweredOneIsAConflict() {
    String ownerInvitation = org.invite(org.owner, "boss@example.com", OrganizationRole.OWNER).await().getString("id");
    String memberInvitation = org.invite(org.admin, NEWCOMER, OrganizationRole.MEMBER).await().getString("id");

    assertThat(rejectionOf(org.revoke(org.admin, ownerInvitation)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(org.revoke(org.member, memberInvitation)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    org.revoke(org.admin, memberInvitation).await();
    org.revoke(org.admin, memberInvitation).await();
    org.accept(org.users.add("boss@example.com").id(), "boss@example.com", org.tokenMailedTo("boss@example.com")).await();

    assertThat(rejectionOf(org.revoke(org.owner, ownerInvitation)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(org.tables.auditLog.actions())
        .containsExactly("invitation.created", "invitation.created", "invitation.revoked", "invitation.accepted");
  }
}
