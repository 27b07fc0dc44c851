package io.atrium.organization;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationLifecycleIT extends OrganizationHarness {

  @Test
  void signingUpFoundsTheUsersOwnOrganization() {
    User ada = signUp("Ada " + "x".repeat(190));
    JsonObject mine = ask(OrganizationAddresses.MEMBERSHIPS_OF_USER, new JsonObject().put("userId", ada.id()));

    assertThat(mine.getJsonArray("items")).hasSize(1);
    JsonObject own = mine.getJsonArray("items").getJsonObject(0);
    assertThat(own.getString("role")).isEqualTo("owner");
    assertThat(own.getString("name")).hasSize(200).startsWith("Ada xxx").endsWith("x's organization");
    assertThat(replicatedFor(own.getString("id")))
        .containsExactly(new JsonObject().put("organizationId", own.getString("id")).put("userId", ada.id()).put("role", "owner"));
  }

  @Test
  void createListGetAndRename() {
    User ada = signUp("Ada");
    String zeta = createOrganization(ada, "  Zeta ");
    createOrganization(ada, "Alpha");

    JsonObject got = ask(OrganizationAddresses.GET, request(ada, zeta));
    assertThat(got.getString("name")).isEqualTo("Zeta");
    assertThat(got.getString("role")).isEqualTo("owner");
    assertThat(got.getString("createdAt")).isEqualTo(clock.instant().toString());

    JsonObject first = ask(OrganizationAddresses.LIST_FOR_USER, new JsonObject().put("userId", ada.id()).put("limit", 2));
    assertThat(names(first)).containsExactly("Ada's organization", "Alpha");
    JsonObject second = ask(OrganizationAddresses.LIST_FOR_USER,
        new JsonObject().put("userId", ada.id()).put("limit", 2).put("cursor", first.getString("nextCursor")));
    assertThat(names(second)).containsExactly("Zeta");
    assertThat(second.getString("nextCursor")).isNull();

    JsonObject renamed = ask(OrganizationAddresses.RENAME, request(ada, zeta).put("name", " Omega "));
    assertThat(renamed.getString("name")).isEqualTo("Omega");
    assertThat(ask(OrganizationAddresses.GET, request(ada, zeta)).getString("name")).isEqualTo("Omega");
  }

  @Test
  void deleteIsRefusedWhileWorkspacesRemainAndAnnouncedOnceDone() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = createOrganization(ada, "Doomed");
    join(ada, org, bob, "admin");
    workspaceCounts.put(org, 2L);

    assertThat(rejection(OrganizationAddresses.DELETE, request(ada, org)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(rejection(OrganizationAddresses.DELETE, request(bob, org)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);

    workspaceCounts.put(org, 0L);
    assertThat(ask(OrganizationAddresses.DELETE, request(ada, org))).isEqualTo(new JsonObject());
    assertThat(rejection(OrganizationAddresses.GET, request(ada, org)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(replicatedFor(org)).last().isEqualTo(new JsonObject().put("organizationId", org).put("deleted", true));
    assertThat(membershipEvents.stream().filter(e -> org.equals(e.getString("organizationId")) && e.getValue("role") == null)
        .map(e -> e.getString("userId"))).containsExactlyInAnyOrder(ada.id(), bob.id());
  }

  @Test
  void outsidersSeeNothing() {
    User ada = signUp("Ada");
    User eve = signUp("Eve");
    String org = createOrganization(ada, "Private");

    for (String address : List.of(OrganizationAddresses.GET, OrganizationAddresses.LIST_MEMBERS, OrganizationAddresses.DELETE,
        OrganizationAddresses.LIST_INVITATIONS, OrganizationAddresses.AUDIT_LOG)) {
      assertThat(rejection(address, request(eve, org)).code()).as(address).isEqualTo(Codes.NOT_FOUND);
    }
    assertThat(rejection(OrganizationAddresses.RENAME, request(eve, org).put("name", "Mine")).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(OrganizationAddresses.GET, request(ada, "not-a-uuid")).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(OrganizationAddresses.GET, request(ada, UUID.randomUUID().toString())).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(OrganizationAddresses.CHANGE_MEMBER_ROLE, request(ada, org).put("memberId", "x").put("role", "admin")).code())
        .isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void validationNamesTheField() {
    User ada = signUp("Ada");
    String org = createOrganization(ada, "Valid");
    assertThat(fields(rejection(OrganizationAddresses.CREATE, new JsonObject().put("userId", ada.id()).put("name", "  "))))
        .containsExactly("name");
    assertThat(fields(rejection(OrganizationAddresses.CREATE, new JsonObject().put("userId", ada.id()).put("name", "x".repeat(201)))))
        .containsExactly("name");
    assertThat(fields(rejection(OrganizationAddresses.CREATE, new JsonObject().put("userId", "nope").put("name", "A"))))
        .containsExactly("userId");
    assertThat(fields(rejection(OrganizationAddresses.INVITE, request(ada, org).put("email", "nobody").put("role", "king"))))
        .containsExactly("email", "role");
    assertThat(fields(rejection(OrganizationAddresses.LIST_FOR_USER, new JsonObject().put("userId", ada.id()).put("limit", 201))))
        .containsExactly("limit");
    assertThat(fields(rejection(OrganizationAddresses.LIST_MEMBERS, request(ada, org).put("cursor", "garbage!"))))
        .containsExactly("cursor");
  }

  @Test
  void snapshotPagesEveryMembership() {
    User ada = signUp("Ada");
    createOrganization(ada, "Snap");
    JsonObject first = ask(OrganizationAddresses.MEMBERSHIP_SNAPSHOT, new JsonObject().put("limit", 1));
    JsonObject last = first.getJsonArray("items").getJsonObject(0);
    JsonObject next = ask(OrganizationAddresses.MEMBERSHIP_SNAPSHOT, new JsonObject().put("limit", 1000)
        .put("afterOrganizationId", last.getString("organizationId")).put("afterUserId", last.getString("userId")));
    assertThat(next.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("userId"))).contains(ada.id());
    assertThat(next.getJsonArray("items")).doesNotContain(last);
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }

  private static List<String> fields(Rejection rejection) {
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    return rejection.errors().stream().map(Rejection.FieldError::field).toList();
  }

}
