package io.atrium.workspace;

import io.atrium.organization.OrganizationRole;

import org.junit.jupiter.api.Test;

import static io.atrium.workspace.AccessLevel.ADMIN;
import static io.atrium.workspace.AccessLevel.BILLING;
import static io.atrium.workspace.AccessLevel.MEMBER;
import static io.atrium.workspace.AccessLevel.OWNER;
import static io.atrium.workspace.AccessLevel.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's order of workspace access levels: billing beside member, both between viewer and admin. */
class AccessLevelTest {

  @Test
  void billingAndMemberStandBesideEachOther() {
    assertThat(BILLING.atLeast(MEMBER)).isFalse();
    assertThat(MEMBER.atLeast(BILLING)).isFalse();
    assertThat(BILLING.atLeast(VIEWER)).isTrue();
    assertThat(MEMBER.atLeast(VIEWER)).isTrue();
    assertThat(VIEWER.atLeast(BILLING)).isFalse();
  }

  @Test
  void adminAndOwnerMayDoWhatBothMayDo() {
    for (AccessLevel above : new AccessLevel[] {ADMIN, OWNER}) {
      assertThat(above.atLeast(BILLING)).isTrue();
      assertThat(above.atLeast(MEMBER)).isTrue();
      assertThat(BILLING.atLeast(above)).isFalse();
      assertThat(MEMBER.atLeast(above)).isFalse();
    }
    assertThat(OWNER.atLeast(ADMIN)).isTrue();
    assertThat(ADMIN.atLeast(OWNER)).isFalse();
  }

  @Test
  void theHigherCountsAndOfTwoBesideEachOtherTheOneHeldStays() {
    assertThat(AccessLevel.max(BILLING, AccessLevel.inheritedFrom(OrganizationRole.ADMIN))).isEqualTo(ADMIN);
    assertThat(AccessLevel.max(AccessLevel.inheritedFrom(OrganizationRole.OWNER), BILLING)).isEqualTo(OWNER);
    assertThat(AccessLevel.max(BILLING, MEMBER)).isEqualTo(BILLING);
    assertThat(AccessLevel.max(MEMBER, BILLING)).isEqualTo(MEMBER);
    assertThat(AccessLevel.max(null, BILLING)).isEqualTo(BILLING);
    assertThat(AccessLevel.max(VIEWER, BILLING)).isEqualTo(BILLING);
  }

  @Test
  void codesRoundTripAndRefusalsNameWhatSuffices() {
    for (AccessLevel level : AccessLevel.values()) {
      assertThat(AccessLevel.parse(level.code())).isEqualTo(level);
    }
    assertThat(AccessLevel.parse("accountant")).isNull();
    assertThat(AccessLevel.inheritedFrom(OrganizationRole.MEMBER)).isNull();
    assertThat(BILLING.asMinimum()).isEqualTo("billing or admin");
    assertThat(MEMBER.asMinimum()).isEqualTo("member");
  }
}
