package io.atrium.server.routes;

import io.atrium.identity.UserProfiles.UserProfile;
import io.atrium.organization.OrganizationDirectory.OrganizationMembership;
import io.atrium.organization.OrganizationRole;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceDirectory.UserWorkspaces;
import io.atrium.workspace.WorkspaceDirectory.VisibleWorkspace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /me}'s reply, encoded with its lists kept per user: the same JSON as encoding it whole, whatever changed. */
class MeRepliesTest {

  private final MeReplies replies = new MeReplies();
  private final UUID userId = UUID.randomUUID();
  private final UUID orgId = UUID.randomUUID();
  private final UUID wsId = UUID.randomUUID();

  @Test
  void theReplyIsTheWholeObjectInOrderWithNonAsciiTextAndNulls() {
    List<OrganizationMembership> orgs = List.of(new OrganizationMembership(orgId, "Société « Ünïcode » 🎉", OrganizationRole.OWNER));
    UserWorkspaces workspaces = workspaces("Espaço", Optional.empty());
    JsonObject reply = new JsonObject(replies.reply(profile("Zoë 🎉"), orgs, workspaces));
    assertThat(reply.fieldNames()).containsExactly("id", "email", "name", "emailVerified", "mfaEnabled", "currentWorkspaceId",
        "organizations", "workspaces");
    assertThat(reply).isEqualTo(new JsonObject()
        .put("id", userId.toString()).put("email", "zoe@example.com").put("name", "Zoë 🎉").put("emailVerified", true)
        .put("mfaEnabled", false).putNull("currentWorkspaceId")
        .put("organizations", new JsonArray().add(new JsonObject().put("id", orgId.toString()).put("name", "Société « Ünïcode » 🎉")
            .put("role", "owner")))
        .put("workspaces", new JsonArray().add(new JsonObject().put("id", wsId.toString()).put("name", "Espaço")
            .put("organizationId", orgId.toString()).put("accessLevel", "admin").put("inherited", true))));
  }

  @Test
  void aProfileChangeShowsWithTheKeptListsAndNewListsAreEncodedAgain() {
    List<OrganizationMembership> orgs = List.of(new OrganizationMembership(orgId, "Acme", OrganizationRole.OWNER));
    UserWorkspaces first = workspaces("Alpha", Optional.empty());
    replies.reply(profile("Before"), orgs, first);
    JsonObject renamed = new JsonObject(replies.reply(profile("After"), orgs, first));
    assertThat(renamed.getString("name")).isEqualTo("After");
    assertThat(renamed.getJsonArray("workspaces").getJsonObject(0).getString("name")).isEqualTo("Alpha");
    JsonObject changed = new JsonObject(replies.reply(profile("After"), orgs, workspaces("Beta", Optional.of(wsId))));
    assertThat(changed.getJsonArray("workspaces").getJsonObject(0).getString("name")).as("a new list object").isEqualTo("Beta");
    assertThat(changed.getString("currentWorkspaceId")).isEqualTo(wsId.toString());
    JsonObject fewer = new JsonObject(replies.reply(profile("After"), List.of(), workspaces("Beta", Optional.of(wsId))));
    assertThat(fewer.getJsonArray("organizations")).isEmpty();
  }

  private UserProfile profile(String name) {
    return new UserProfile(userId, "zoe@example.com", name, true, false);
  }

  private UserWorkspaces workspaces(String name, Optional<UUID> current) {
    return new UserWorkspaces(List.of(new VisibleWorkspace(wsId, orgId, name, "EUR", Instant.EPOCH, AccessLevel.ADMIN, true)), current);
  }
}
