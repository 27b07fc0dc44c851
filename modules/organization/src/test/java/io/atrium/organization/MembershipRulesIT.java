package io.atrium.organization;

import io.atrium.platform.Codes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipRulesIT extends OrganizationHarness {

  @Test
  void membersAreListedWithTheirEmailsAndNamesPageByPage() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    User cyd = signUp("Cyd");
    String org = createOrganization(ada, "Team");
    clock.advance(Duration.ofSeconds(1));
    join(ada, org, bob, "admin");
    clock.advance(Duration.ofSeconds(1));
    join(ada, org, cyd, "member");

    JsonObject first = ask(OrganizationAddresses.LIST_MEMBERS, request(cyd, org).put("limit", 2));
    JsonObject second = ask(OrganizationAddresses.LIST_MEMBERS, request(cyd, org).put("limit", 2).put("cursor", first.getString("nextCursor")));

    assertThat(first.getJsonArray("items").getJsonObject(0))
        .isEqualTo(new JsonObject().put("userId", ada.id()).put("email", ada.email()).put("name", "Ada").put("role", "owner")
            .put("joinedAt", first.getJsonArray("items").getJsonObject(0).getString("joinedAt")));
    assertThat(emails(first)).containsExactly(ada.email(), bob.email());
    assertThat(emails(second)).containsExactly(cyd.email());
    assertThat(second.getString("nextCursor")).isNull();
  }

  @Test
  void anAdminCannotMakeOwnersNorTouchThem() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    User cyd = signUp("Cyd");
    String org = createOrganization(ada, "Ranks");
    join(ada, org, bob, "admin");
    join(ada, org, cyd, "member");

    assertThat(rejection(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(bob, org, cyd).put("role", "owner")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(bob, org, ada).put("role", "member")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.REMOVE_MEMBER, member(bob, org, ada)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.INVITE, request(bob, org).put("email", "new@example.com").put("role", "owner")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.RENAME, request(cyd, org).put("name", "Mine")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.REMOVE_MEMBER, member(cyd, org, bob)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);

    JsonObject promoted = ask(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(bob, org, cyd).put("role", "admin"));
    assertThat(promoted.getString("role")).isEqualTo("admin");
    assertThat(promoted.getString("email")).isEqualTo(cyd.email());
    assertThat(replicatedFor(org)).last()
        .isEqualTo(new JsonObject().put("organizationId", org).put("userId", cyd.id()).put("role", "admin"));
  }

  @Test
  void theLastOwnerCannotLeaveNorBeDemotedButOneOfTwoCan() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = createOrganization(ada, "Owners");

    assertThat(rejection(OrganizationAddresses.REMOVE_MEMBER, member(ada, org, ada)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(rejection(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(ada, org, ada).put("role", "admin")).code())
        .isEqualTo(Codes.LAST_OWNER);

    join(ada, org, bob, "owner");
    ask(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(bob, org, ada).put("role", "admin"));
    assertThat(rejection(OrganizationAddresses.REMOVE_MEMBER, member(bob, org, bob)).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(ask(OrganizationAddresses.GET, request(ada, org)).getString("role")).isEqualTo("admin");
  }

  @Test
  void aMemberMayLeaveAndIsThenAStranger() {
    User ada = signUp("Ada");
    User cyd = signUp("Cyd");
    String org = createOrganization(ada, "Exit");
    join(ada, org, cyd, "member");

    assertThat(ask(OrganizationAddresses.REMOVE_MEMBER, member(cyd, org, cyd))).isEqualTo(new JsonObject());

    assertThat(rejection(OrganizationAddresses.GET, request(cyd, org)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(replicatedFor(org)).last()
        .isEqualTo(new JsonObject().put("organizationId", org).put("userId", cyd.id()).putNull("role"));
    assertThat(membershipEvents).contains(new JsonObject().put("organizationId", org).put("userId", cyd.id())
        .putNull("role").put("previousRole", "member"));
    assertThat(rejection(OrganizationAddresses.REMOVE_MEMBER, member(ada, org, cyd)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void anAdminRemovesAMemberAndEveryChangeReachesTheReplica() {
    User ada = signUp("Ada");
    User cyd = signUp("Cyd");
    String org = createOrganization(ada, "Replica");
    join(ada, org, cyd, "member");
    ask(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(ada, org, cyd).put("role", "admin"));
    ask(OrganizationAddresses.REMOVE_MEMBER, member(ada, org, cyd));

    assertThat(replicatedFor(org).stream().map(n -> n.getString("userId") + ":" + n.getString("role")).toList())
        .containsExactly(ada.id() + ":owner", cyd.id() + ":member", cyd.id() + ":admin", cyd.id() + ":null");
  }

  @Test
  void aChangeCommittedWhileTheReplicaIsAwayStillSucceeds() {
    User ada = signUp("Ada");
    User cyd = signUp("Cyd");
    String org = createOrganization(ada, "Away");
    join(ada, org, cyd, "member");
    replica.unregister().await();
    try {
      assertThat(ask(OrganizationAddresses.CHANGE_MEMBER_ROLE, member(ada, org, cyd).put("role", "admin")).getString("role"))
          .isEqualTo("admin");
    } finally {
      serveReplica();
    }
    assertThat(ask(OrganizationAddresses.MEMBERSHIP_SNAPSHOT, new JsonObject()).getJsonArray("items"))
        .contains(new JsonObject().put("organizationId", org).put("userId", cyd.id()).put("role", "admin"));
  }

  private static JsonObject member(User caller, String org, User member) {
    return request(caller, org).put("memberId", member.id());
  }

  private static List<String> emails(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("email")).toList();
  }
}
