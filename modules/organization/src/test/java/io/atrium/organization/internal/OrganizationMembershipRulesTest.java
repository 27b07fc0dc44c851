package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Joining by single sign-on and deleting an organization, on the use cases with in-memory storage. */
class OrganizationMembershipRulesTest {

  private final OrganizationRules org = new OrganizationRules();
  private final SsoMembership sso = new SsoMembership(org.tables.storage, org.announcer, org.clock);
  private final SsoConfiguration configuration = new SsoConfiguration(org.organizationId, "https://idp.example.com", "atrium",
      new byte[0], List.of("example.com"), List.of("example.com"), OrganizationRole.MEMBER, true, UUID.randomUUID(), org.clock.instant());
  /** How many workspaces the workspace context says the organization has; negative: it does not answer. */
  private final AtomicLong workspaces = new AtomicLong();
  private final DeleteOrganization deletion = new DeleteOrganization(org.tables.storage, organizationId -> workspaces.get() < 0
      ? Future.failedFuture(new IllegalStateException("no answer")) : Future.succeededFuture(workspaces.get()), org.announcer, org.clock);

  @AfterEach
  void close() {
    org.close();
  }

  @Test
  void singleSignOnAddsANewcomerWithTheDefaultRoleAndChangesNoExistingRole() {
    UUID newcomer = org.users.add("newcomer@example.com").id();

    sso.ensure(configuration, newcomer).await();
    sso.ensure(configuration, org.admin).await();

    assertThat(org.roleOf(newcomer)).isEqualTo(OrganizationRole.MEMBER);
    assertThat(org.roleOf(org.admin)).isEqualTo(OrganizationRole.ADMIN);
    assertThat(org.tables.auditLog.actions()).containsExactly("member.joined_via_sso");
  }

  @Test
  void anAdminsRemovalHoldsAgainstSingleSignOnUntilAnInvitationIsAccepted() {
    org.remove(org.admin, org.member).await();

    assertThat(rejectionOf(sso.ensure(configuration, org.member)).code()).isEqualTo(Codes.FORBIDDEN);
    assertThat(org.roleOf(org.member)).isNull();

    org.invite(org.admin, "member@example.com", OrganizationRole.MEMBER).await();
    org.accept(org.member, "member@example.com", org.tokenMailedTo("member@example.com")).await();
    org.remove(org.member, org.member).await();
    sso.ensure(configuration, org.member).await();

    assertThat(org.roleOf(org.member)).isEqualTo(OrganizationRole.MEMBER);
  }

  @Test
  void onlyTheOwnerDeletesAndOnlyAnOrganizationWithoutWorkspaces() {
    workspaces.set(2);

    assertThat(rejectionOf(delete(org.admin)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(delete(org.owner)).detail()).isEqualTo("the organization still has 2 workspace(s)");
    workspaces.set(-1);
    assertThat(rejectionOf(delete(org.owner)).code()).isEqualTo(Codes.UNAVAILABLE);
    assertThat(org.tables.organizations.byId(org.organizationId).await()).isNotNull();

    workspaces.set(0);
    delete(org.owner).await();

    assertThat(org.tables.organizations.byId(org.organizationId).await()).isNull();
    assertThat(org.roleOf(org.member)).isNull();
    assertThat(org.tables.auditLog.actions()).containsExactly("organization.deleted");
    assertThat(org.replicaNotices).singleElement().satisfies(notice -> assertThat(notice.getBoolean("deleted")).isTrue());
  }

  private Future<JsonObject> delete(UUID caller) {
    return deletion.delete(new JsonObject().put("userId", caller.toString()).put("organizationId", org.organizationId.toString()));
  }
}
