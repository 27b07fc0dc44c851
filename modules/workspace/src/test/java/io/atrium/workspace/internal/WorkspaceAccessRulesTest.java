package io.atrium.workspace.internal;

import io.atrium.platform.Codes;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's rules for changing and removing workspace members, direct and inherited, on the use cases with in-memory ports. */
class WorkspaceAccessRulesTest {

  private final WorkspaceRules ws = new WorkspaceRules();

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void nobodyGrantsOrChangesALevelAboveTheirOwn() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID admin = ws.direct("admin@example.com", AccessLevel.ADMIN);
    UUID member = ws.direct("member@example.com", AccessLevel.MEMBER);

    assertThat(rejectionOf(ws.change(admin, member, AccessLevel.OWNER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(ws.change(admin, owner, AccessLevel.ADMIN)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(ws.remove(admin, owner)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejectionOf(ws.change(member, member, AccessLevel.VIEWER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(ws.directOf(member)).isEqualTo(AccessLevel.MEMBER);
    assertThat(ws.directOf(owner)).isEqualTo(AccessLevel.OWNER);
  }

  @Test
  void anAdminMovesAMemberToBillingAndBack() {
    ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID admin = ws.direct("admin@example.com", AccessLevel.ADMIN);
    UUID member = ws.direct("member@example.com", AccessLevel.MEMBER);

    JsonObject changed = ws.change(admin, member, AccessLevel.BILLING).await();

    assertThat(changed.getString("accessLevel")).isEqualTo("billing");
    assertThat(changed.getBoolean("inherited")).isFalse();
    assertThat(ws.directOf(member)).isEqualTo(AccessLevel.BILLING);
    assertThat(rejectionOf(ws.change(member, member, AccessLevel.MEMBER)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(ws.audit.actions()).containsExactly("member.access_changed");
  }

  @Test
  void inheritedAccessIsNeitherChangedNorRemovedAtTheWorkspace() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID orgAdmin = ws.orgRole("org-admin@example.com", "admin");

    assertThat(rejectionOf(ws.change(owner, orgAdmin, AccessLevel.ADMIN)).code()).isEqualTo(Codes.INHERITED_ACCESS);
    assertThat(rejectionOf(ws.change(owner, orgAdmin, AccessLevel.VIEWER)).code()).isEqualTo(Codes.INHERITED_ACCESS);
    var removal = rejectionOf(ws.remove(owner, orgAdmin));
    assertThat(removal.code()).isEqualTo(Codes.INHERITED_ACCESS);
    assertThat(removal.code().status()).isEqualTo(409);
    assertThat(ws.directOf(orgAdmin)).isNull();
  }

  @Test
  void askingForMoreThanTheInheritedLevelAddsADirectMembershipBesideIt() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID orgAdmin = ws.orgRole("org-admin@example.com", "admin");

    JsonObject changed = ws.change(owner, orgAdmin, AccessLevel.OWNER).await();

    assertThat(changed.getString("accessLevel")).isEqualTo("owner");
    assertThat(changed.getBoolean("inherited")).isFalse();
    assertThat(ws.directOf(orgAdmin)).isEqualTo(AccessLevel.OWNER);
  }

  @Test
  void anOrganizationMemberInheritsNothing() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID orgMember = ws.orgRole("org-member@example.com", "member");

    assertThat(rejectionOf(ws.change(owner, orgMember, AccessLevel.VIEWER)).detail()).isEqualTo("member not found");
    assertThat(rejectionOf(ws.remove(orgMember, orgMember)).detail()).isEqualTo("workspace not found");
  }

  @Test
  void theLastOwnerIsNeitherDemotedNorRemovedAndCannotLeave() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);

    assertThat(rejectionOf(ws.change(owner, owner, AccessLevel.ADMIN)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(rejectionOf(ws.remove(owner, owner)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(ws.directOf(owner)).isEqualTo(AccessLevel.OWNER);
    assertThat(ws.audit.actions()).isEmpty();
  }

  @Test
  void anInheritedOwnerCountsSoTheDirectOwnerMayLeave() {
    UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
    ws.orgRole("org-owner@example.com", "owner");

    ws.remove(owner, owner).await();

    assertThat(ws.directOf(owner)).isNull();
    assertThat(ws.audit.actions()).containsExactly("member.left");
  }

  @Test
  void aViewerLeavesButRemovesNobodyElse() {
    ws.direct("owner@example.com", AccessLevel.OWNER);
    UUID viewer = ws.direct("viewer@example.com", AccessLevel.VIEWER);
    UUID other = ws.direct("other@example.com", AccessLevel.VIEWER);

    assertThat(rejectionOf(ws.remove(viewer, other)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    ws.remove(viewer, viewer).await();

    assertThat(ws.directOf(viewer)).isNull();
    assertThat(ws.directOf(other)).isEqualTo(AccessLevel.VIEWER);
  }

  @Test
  void aStrangerLearnsNothing() {
    UUID member = ws.direct("member@example.com", AccessLevel.MEMBER);
    UUID stranger = ws.users.add("stranger@example.com");

    assertThat(rejectionOf(ws.remove(stranger, member)).detail()).isEqualTo("workspace not found");
    assertThat(rejectionOf(ws.change(stranger, member, AccessLevel.VIEWER)).detail()).isEqualTo("workspace not found");
  }
}
