package io.atrium.workspace;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceAccessIT extends WorkspaceHarness {

  @Test
  void organizationAdminsCreateMembersCannotStrangersSeeNothing() {
    JsonObject owner = user("Olga Owner");
    JsonObject admin = user("Adam Admin");
    JsonObject member = user("Mia Member");
    JsonObject stranger = user("Stan Stranger");
    String org = organization(owner);
    role(org, admin, "admin");
    role(org, member, "member");

    JsonObject created = workspace(admin, org, null);
    assertThat(created.getString("currency")).isEqualTo("EUR");
    assertThat(created.getString("organizationId")).isEqualTo(org);
    assertThat(created.getString("accessLevel")).isEqualTo("owner");
    assertThat(created.getBoolean("inherited")).isFalse();
    JsonObject request = as(member).put("organizationId", org).put("name", "Nope");
    assertThat(rejection(WorkspaceAddresses.CREATE, request).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(WorkspaceAddresses.CREATE, as(stranger).put("organizationId", org).put("name", "Nope")).code())
        .isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(WorkspaceAddresses.GET, in(stranger, created)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(WorkspaceAddresses.GET, in(member, created)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(ask(WorkspaceAddresses.GET, in(owner, created)).getString("accessLevel")).isEqualTo("owner");
    assertThat(ask(WorkspaceAddresses.GET, in(owner, created)).getBoolean("inherited")).isTrue();
    assertThat(ask(OrganizationAddresses.WORKSPACE_COUNT, new JsonObject().put("organizationId", org)).getInteger("count")).isEqualTo(1);
  }

  @Test
  void theRealOrganizationContextKeepsTheReplica() {
    JsonObject owner = user("Rea Real");
    String personal = ask(OrganizationAddresses.MEMBERSHIPS_OF_USER, as(owner)).getJsonArray("items").getJsonObject(0).getString("id");
    JsonObject ws = workspace(owner, personal, null);
    assertThat(ask(WorkspaceAddresses.LIST_IN_ORGANIZATION, as(owner).put("organizationId", personal)).getJsonArray("items"))
        .extracting(o -> ((JsonObject) o).getString("id")).containsExactly(ws.getString("id"));
  }

  @Test
  void validatesNamesCurrenciesCursorsAndIds() {
    JsonObject owner = user("Vera Valid");
    String org = organization(owner);
    assertThat(rejection(WorkspaceAddresses.CREATE, as(owner).put("organizationId", org).put("name", " ")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("name");
    assertThat(rejection(WorkspaceAddresses.CREATE, as(owner).put("organizationId", org).put("name", "x".repeat(201))).code())
        .isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection(WorkspaceAddresses.CREATE, as(owner).put("organizationId", org).put("name", "A").put("currency", "GBP")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("currency");
    assertThat(workspace(owner, org, "USD").getString("currency")).isEqualTo("USD");
    assertThat(rejection(WorkspaceAddresses.LIST_FOR_USER, as(owner).put("cursor", "garbage")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("cursor");
    assertThat(rejection(WorkspaceAddresses.LIST_FOR_USER, as(owner).put("limit", 201)).errors())
        .extracting(Rejection.FieldError::field).containsExactly("limit");
    assertThat(rejection(WorkspaceAddresses.GET, as(owner).put("workspaceId", "not-a-uuid")).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(WorkspaceAddresses.LIST_IN_ORGANIZATION, as(owner).put("organizationId", "x")).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void listsPageByNameAndWithinOneOrganization() {
    JsonObject owner = user("Paula Pager");
    JsonObject member = user("Otto Orgmember");
    String org = organization(owner);
    role(org, member, "member");
    String other = organization(owner);
    for (int i = 0; i < 3; i++) {
      workspace(owner, org, null);
    }
    workspace(owner, other, null);

    JsonObject first = ask(WorkspaceAddresses.LIST_FOR_USER, as(owner).put("limit", 2));
    assertThat(first.getJsonArray("items")).hasSize(2);
    JsonObject second = ask(WorkspaceAddresses.LIST_FOR_USER, as(owner).put("limit", 2).put("cursor", first.getString("nextCursor")));
    assertThat(second.getJsonArray("items")).hasSize(2);
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(ask(WorkspaceAddresses.LIST_IN_ORGANIZATION, as(owner).put("organizationId", org)).getJsonArray("items")).hasSize(3);
    assertThat(ask(WorkspaceAddresses.LIST_IN_ORGANIZATION, as(member).put("organizationId", org)).getJsonArray("items")).isEmpty();
    assertThat(rejection(WorkspaceAddresses.LIST_IN_ORGANIZATION, as(user("Nobody")).put("organizationId", org)).code())
        .isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void membersMergeDirectAndInheritedAccess() {
    JsonObject orgOwner = user("Irene Inherit");
    JsonObject orgAdmin = user("Ivan Inherit");
    JsonObject creator = user("Carl Creator");
    String org = organization(orgOwner);
    role(org, orgAdmin, "admin");
    role(org, creator, "admin");
    JsonObject ws = workspace(creator, org, null);

    JsonArray items = ask(WorkspaceAddresses.LIST_MEMBERS, in(creator, ws)).getJsonArray("items");
    assertThat(items).hasSize(3);
    assertThat(member(items, orgOwner)).isEqualTo(new JsonObject().put("userId", id(orgOwner)).put("email", orgOwner.getString("email"))
        .put("name", "Irene Inherit").put("accessLevel", "owner").put("inherited", true));
    assertThat(member(items, orgAdmin).getString("accessLevel")).isEqualTo("admin");
    assertThat(member(items, orgAdmin).getBoolean("inherited")).isTrue();
    // the creator is org admin (inherited admin) and direct owner: the higher, direct, shows
    assertThat(member(items, creator).getString("accessLevel")).isEqualTo("owner");
    assertThat(member(items, creator).getBoolean("inherited")).isFalse();

    JsonObject page = ask(WorkspaceAddresses.LIST_MEMBERS, in(creator, ws).put("limit", 2));
    assertThat(page.getJsonArray("items")).hasSize(2);
    assertThat(ask(WorkspaceAddresses.LIST_MEMBERS, in(creator, ws).put("limit", 2).put("cursor", page.getString("nextCursor")))
        .getJsonArray("items")).hasSize(1);
  }

  @Test
  void billingStandsBesideMemberAndOnlyAdminsGrantIt() {
    JsonObject owner = user("Olga Owner");
    JsonObject admin = user("Arno Admin");
    JsonObject member = user("Mila Member");
    JsonObject biller = user("Bert Biller");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);
    grant(owner, ws, admin, "admin");
    grant(owner, ws, member, "member");

    JsonObject byMember = in(member, ws).put("email", biller.getString("email")).put("accessLevel", "billing");
    assertThat(rejection(WorkspaceAddresses.INVITE, byMember).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    grant(admin, ws, biller, "billing");
    assertThat(ask(WorkspaceAddresses.GET, in(biller, ws)).getString("accessLevel")).isEqualTo("billing");

    // Neither of the two beside each other may act for the other, nor hand out anything.
    JsonObject server = in(biller, ws).put("type", "server").put("name", "s").put("plan", "1xCPU-1GB");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, server).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    JsonObject promote = in(biller, ws).put("memberId", id(member)).put("accessLevel", "billing");
    assertThat(rejection(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, promote).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(WorkspaceAddresses.LIST_INVITATIONS, in(biller, ws)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(ask(WorkspaceAddresses.LIST_MEMBERS, in(biller, ws)).getJsonArray("items")).hasSize(4);

    // An admin moves the member sideways; an inherited admin outranks a direct billing level.
    JsonObject sideways = ask(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, in(admin, ws).put("memberId", id(member)).put("accessLevel", "billing"));
    assertThat(sideways.getString("accessLevel")).isEqualTo("billing");
    JsonObject theirServer = in(member, ws).put("type", "server").put("name", "t").put("plan", "1xCPU-1GB");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, theirServer).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    role(org, biller, "admin");
    JsonObject raised = ask(WorkspaceAddresses.GET, in(biller, ws));
    assertThat(raised.getString("accessLevel")).isEqualTo("admin");
    assertThat(raised.getBoolean("inherited")).isTrue();
  }

  @Test
  void aBillingInvitationAcceptedBySomeoneMadeAMemberMeanwhileGivesBilling() {
    JsonObject owner = user("Olivia Owner");
    JsonObject guest = user("Gus Guest");
    JsonObject ws = workspace(owner, organization(owner), null);
    String email = guest.getString("email");
    ask(WorkspaceAddresses.INVITE, in(owner, ws).put("email", email).put("accessLevel", "billing"));
    // The race: a direct member row lands while the billing invitation is pending (another path, committed first).
    pool.preparedQuery("INSERT INTO workspace.members (workspace_id, user_id, access_level, joined_at) VALUES ($1::uuid, $2::uuid, 'member', now())")
        .execute(io.vertx.sqlclient.Tuple.of(ws.getString("id"), id(guest))).await();
    assertThat(ask(WorkspaceAddresses.GET, in(guest, ws)).getString("accessLevel")).isEqualTo("member");

    ask(WorkspaceAddresses.ACCEPT_INVITATION, as(guest).put("email", email).put("token", harness.latestToken(email)));
    JsonObject after = ask(WorkspaceAddresses.GET, in(guest, ws));
    assertThat(after.getString("accessLevel")).as("the level an admin invited them to last").isEqualTo("billing");
    JsonObject server = in(guest, ws).put("type", "server").put("name", "s").put("plan", "1xCPU-1GB");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, server).code()).as("no longer a member").isEqualTo(Codes.INSUFFICIENT_ACCESS);
  }

  @Test
  void noEscalationNoInheritedChangesAndTheLastOwnerStays() {
    JsonObject orgOwner = user("Oscar Orgowner");
    JsonObject wsOwner = user("Wanda Wsowner");
    JsonObject wsAdmin = user("Albert Admin");
    String org = organization(orgOwner);
    role(org, wsOwner, "admin");
    JsonObject ws = workspace(wsOwner, org, null);
    grant(wsOwner, ws, wsAdmin, "admin");

    JsonObject removeOrgOwner = in(wsAdmin, ws).put("memberId", id(orgOwner));
    assertThat(rejection(WorkspaceAddresses.REMOVE_MEMBER, removeOrgOwner).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    JsonObject promote = in(wsAdmin, ws).put("memberId", id(wsAdmin)).put("accessLevel", "owner");
    assertThat(rejection(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, promote).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    JsonObject demoteOrgOwner = in(wsOwner, ws).put("memberId", id(orgOwner)).put("accessLevel", "viewer");
    assertThat(rejection(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, demoteOrgOwner).code()).isEqualTo(Codes.INHERITED_ACCESS);
    assertThat(rejection(WorkspaceAddresses.REMOVE_MEMBER, in(wsOwner, ws).put("memberId", id(orgOwner))).code())
        .isEqualTo(Codes.INHERITED_ACCESS);

    // two owners (the direct one and the inherited one): the direct owner may step down to admin
    JsonObject changed = ask(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, in(wsOwner, ws).put("memberId", id(wsOwner)).put("accessLevel", "admin"));
    assertThat(changed.getString("accessLevel")).isEqualTo("admin");
    assertThat(changed.getBoolean("inherited")).isFalse();
    // an org owner leaving the organization leaves the workspace without owner: the org side forbids that; here a
    // workspace whose only owner is direct
    JsonObject solo = user("Sol Soloowner");
    String soloOrg = organization(solo);
    JsonObject soloWs = workspace(solo, soloOrg, null);
    role(soloOrg, solo, "member");
    assertThat(rejection(WorkspaceAddresses.REMOVE_MEMBER, in(solo, soloWs).put("memberId", id(solo))).code()).isEqualTo(Codes.LAST_OWNER);
    assertThat(rejection(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, in(solo, soloWs).put("memberId", id(solo)).put("accessLevel", "admin")).code())
        .isEqualTo(Codes.LAST_OWNER);
  }

  @Test
  void leavingTheOrganizationKeepsDirectMembershipsAndCurrentWorkspaceFollowsAccess() {
    JsonObject owner = user("Rita Rolechange");
    JsonObject admin = user("Rudi Removed");
    String org = organization(owner);
    role(org, admin, "admin");
    JsonObject created = workspace(admin, org, null);
    JsonObject inheritedOnly = workspace(owner, org, null);

    ask(WorkspaceAddresses.SET_CURRENT, in(admin, inheritedOnly));
    assertThat(ask(WorkspaceAddresses.CURRENT_OF, as(admin)).getString("workspaceId")).isEqualTo(inheritedOnly.getString("id"));
    role(org, admin, null);
    assertThat(ask(WorkspaceAddresses.GET, in(admin, created)).getString("accessLevel")).isEqualTo("owner");
    assertThat(rejection(WorkspaceAddresses.GET, in(admin, inheritedOnly)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(ask(WorkspaceAddresses.CURRENT_OF, as(admin)).getValue("workspaceId")).isNull();
    assertThat(rejection(WorkspaceAddresses.SET_CURRENT, in(admin, inheritedOnly)).code()).isEqualTo(Codes.NOT_FOUND);

    JsonObject viewer = user("Vic Viewer");
    grant(admin, created, viewer, "viewer");
    ask(WorkspaceAddresses.SET_CURRENT, in(viewer, created));
    ask(WorkspaceAddresses.REMOVE_MEMBER, in(viewer, created).put("memberId", id(viewer)));
    assertThat(ask(WorkspaceAddresses.CURRENT_OF, as(viewer)).getValue("workspaceId")).isNull();

    ask(WorkspaceAddresses.SET_CURRENT, in(admin, created));
    ask(WorkspaceAddresses.DELETE, in(admin, created).put("requestId", "req-delete"));
    assertThat(ask(WorkspaceAddresses.CURRENT_OF, as(admin)).getValue("workspaceId")).isNull();
    assertThat(rejection(WorkspaceAddresses.GET, in(admin, created)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void auditLogRecordsChangesWithRequestIdsNewestFirst() {
    JsonObject owner = user("Aude Audit");
    JsonObject viewer = user("Vik Audited");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);
    ask(WorkspaceAddresses.RENAME, in(owner, ws).put("name", "Renamed").put("requestId", "req-rename"));
    grant(owner, ws, viewer, "viewer");
    ask(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, in(owner, ws).put("memberId", id(viewer)).put("accessLevel", "member").put("requestId", "req-change"));
    assertThat(rejection(WorkspaceAddresses.AUDIT_LOG, in(viewer, ws)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);

    JsonArray items = ask(WorkspaceAddresses.AUDIT_LOG, in(owner, ws)).getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("action")))
        .containsExactly("member.access_changed", "invitation.accepted", "invitation.created", "workspace.renamed", "workspace.created");
    JsonObject change = items.getJsonObject(0);
    assertThat(change.getString("requestId")).isEqualTo("req-change");
    assertThat(change.getString("actorId")).isEqualTo(id(owner));
    assertThat(change.getString("subjectUserId")).isEqualTo(id(viewer));
    assertThat(change.getJsonObject("details")).isEqualTo(new JsonObject().put("from", "viewer").put("to", "member"));
    assertThat(items.getJsonObject(3).getString("requestId")).isEqualTo("req-rename");
    JsonObject page = ask(WorkspaceAddresses.AUDIT_LOG, in(owner, ws).put("limit", 4));
    assertThat(ask(WorkspaceAddresses.AUDIT_LOG, in(owner, ws).put("cursor", page.getString("nextCursor"))).getJsonArray("items"))
        .extracting(o -> ((JsonObject) o).getString("action")).containsExactly("workspace.created");
  }

  private static JsonObject member(JsonArray items, JsonObject user) {
    return items.stream().map(JsonObject.class::cast).filter(m -> m.getString("userId").equals(id(user))).findFirst()
        .orElseThrow(() -> new AssertionError("no member " + id(user) + " in " + items));
  }
}
