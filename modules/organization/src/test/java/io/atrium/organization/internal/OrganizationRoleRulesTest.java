package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's role rules for organization members, on the use cases with in-memory storage. */
class OrganizationRoleRulesTest {

  private final OrganizationRules org = new OrganizationRules();

  @AfterEach
  void close() {
    org.close();
  }

  @Test
  void aMemberChangesNoRole() {
    UUID other = org.member("other@example.com", OrganizationRole.MEMBER);

    assertThat(rejectionOf(org.changeRole(org.member, other, OrganizationRole.MEMBER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
  }

  @Test
  void anAdminNeitherGrantsNorTakesAwayTheOwnerRole() {
    assertThat(rejectionOf(org.changeRole(org.admin, org.member, OrganizationRole.OWNER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    org.member("second-owner@example.com", OrganizationRole.OWNER);
    assertThat(rejectionOf(org.changeRole(org.admin, org.owner, OrganizationRole.MEMBER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(org.roleOf(org.member)).isEqualTo(OrganizationRole.MEMBER);
    assertThat(org.roleOf(org.owner)).isEqualTo(OrganizationRole.OWNER);
  }

  @Test
  void theLastOwnerIsNotDemoted() {
    assertThat(rejectionOf(org.changeRole(org.owner, org.owner, OrganizationRole.ADMIN)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(Codes.LAST_OWNER.status()).isEqualTo(409);
    assertThat(org.roleOf(org.owner)).isEqualTo(OrganizationRole.OWNER);
  }

  @Test
  void anOwnerBesideAnotherStepsDownAndTheReplicaHearsOfIt() {
    UUID second = org.member("second-owner@example.com", OrganizationRole.OWNER);

    JsonObject changed = org.changeRole(second, org.owner, OrganizationRole.ADMIN).await();

    assertThat(changed.getString("role")).isEqualTo("admin");
    assertThat(changed.getString("email")).isEqualTo("owner@example.com");
    assertThat(org.roleOf(org.owner)).isEqualTo(OrganizationRole.ADMIN);
    assertThat(org.tables.auditLog.actions()).containsExactly("member.role_changed");
    assertThat(org.replicaNotices).singleElement()
        .satisfies(notice -> assertThat(notice.getString("role")).isEqualTo("admin"));
  }

  @Test
  void theLastOwnerNeitherLeavesNorIsRemoved() {
    assertThat(rejectionOf(org.remove(org.owner, org.owner)).code()).isEqualTo(Codes.LAST_OWNER);
    UUID second = org.member("second-owner@example.com", OrganizationRole.OWNER);
    org.remove(second, second).await();
    assertThat(rejectionOf(org.remove(org.owner, org.owner)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(org.roleOf(org.owner)).isEqualTo(OrganizationRole.OWNER);
  }

  @Test
  void anAdminRemovesNobodyAboveThemAndAMemberRemovesNobody() {
    assertThat(rejectionOf(org.remove(org.admin, org.owner)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(org.remove(org.member, org.admin)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(org.roleOf(org.owner)).isEqualTo(OrganizationRole.OWNER);
    assertThat(org.roleOf(org.admin)).isEqualTo(OrganizationRole.ADMIN);
  }

  @Test
  void aRemovalHoldsAgainstSingleSignOnButLeavingDoesNot() {
    UUID leaver = org.member("leaver@example.com", OrganizationRole.MEMBER);

    org.remove(org.admin, org.member).await();
    org.remove(leaver, leaver).await();

    assertThat(org.roleOf(org.member)).isNull();
    assertThat(org.roleOf(leaver)).isNull();
    assertThat(org.tables.memberships.wasRemoved(org.organizationId, org.member).await()).isTrue();
    assertThat(org.tables.memberships.wasRemoved(org.organizationId, leaver).await()).isFalse();
    assertThat(org.tables.auditLog.actions()).containsExactly("member.removed", "member.left");
  }

  @Test
  void aStrangerLearnsNothingAndAnUnknownMemberIsNotFound() {
    UUID stranger = org.users.add("stranger@example.com").id();

    assertThat(rejectionOf(org.changeRole(stranger, org.member, OrganizationRole.ADMIN)).detail()).isEqualTo("organization not found");
    assertThat(rejectionOf(org.remove(stranger, org.member)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejectionOf(org.remove(org.owner, stranger)).detail()).isEqualTo("member not found");
  }

  @Test
  void anUnknownRoleIsAValidationFailureNamingTheField() {
    JsonObject request = new JsonObject().put("userId", org.owner.toString()).put("organizationId", org.organizationId.toString())
        .put("memberId", org.member.toString()).put("role", "superuser");

    var rejection = rejectionOf(org.changeRole.change(request));

    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection.errors()).extracting(error -> error.field()).containsExactly("role");
  }
}
