package io.atrium.server.routes;

import io.atrium.identity.UserProfiles.UserProfile;
import io.atrium.organization.OrganizationDirectory.OrganizationMembership;
import io.atrium.workspace.WorkspaceDirectory.UserWorkspaces;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes {@code GET /me}'s reply. Encoding the two lists was most of its CPU (a JFR profile: 100 workspaces, 60 % of
 * the route's samples in Jackson), and the directories answer the very same list objects while their caches hold
 * them: so each user's encoded lists are kept here, and reused while the directories' answers are those same
 * objects (by identity: a list reloaded after any change is a new object, encoded again). Bounded in bytes.
 */
final class MeReplies {

  /** Bytes of encoded lists kept, for the users asked last (per event loop: one of these per HTTP verticle). */
  private static final int KEPT_BYTES = 512 << 10;

  private record Encoded(List<OrganizationMembership> organizations, UserWorkspaces workspaces, byte[] lists) {}

  private final Map<UUID, Encoded> encoded = new LinkedHashMap<>(64, 0.75f, true);
  private int keptBytes;

  /** The reply: the same JSON object, keys in the same order, as encoding it whole. */
  Buffer reply(UserProfile profile, List<OrganizationMembership> organizations, UserWorkspaces workspaces) {
    byte[] head = new JsonObject()
        .put("id", profile.id().toString())
        .put("email", profile.email())
        .put("name", profile.name())
        .put("emailVerified", profile.emailVerified())
        .put("mfaEnabled", profile.mfaEnabled())
        .put("currentWorkspaceId", workspaces.currentWorkspaceId().map(UUID::toString).orElse(null))
        .encode().getBytes(StandardCharsets.UTF_8);
    byte[] lists = lists(profile.id(), organizations, workspaces);
    // The head's closing brace becomes the comma before the lists.
    return Buffer.buffer(head.length + lists.length).appendBytes(head, 0, head.length - 1).appendByte((byte) ',').appendBytes(lists);
  }

  /** {@code "organizations":[...],"workspaces":[...]}}, encoded once per pair of list objects. */
  private synchronized byte[] lists(UUID userId, List<OrganizationMembership> organizations, UserWorkspaces workspaces) {
    Encoded kept = encoded.get(userId);
    if (kept != null && kept.organizations() == organizations && kept.workspaces() == workspaces) {
      return kept.lists();
    }
    byte[] lists = ("\"organizations\":" + organizationsJson(organizations).encode() + ",\"workspaces\":"
        + workspacesJson(workspaces).encode() + "}").getBytes(StandardCharsets.UTF_8);
    Encoded previous = encoded.put(userId, new Encoded(organizations, workspaces, lists));
    keptBytes += lists.length - (previous == null ? 0 : previous.lists().length);
    Iterator<Encoded> eldest = encoded.values().iterator();
    while (keptBytes > KEPT_BYTES && eldest.hasNext()) {
      keptBytes -= eldest.next().lists().length;
      eldest.remove();
    }
    return lists;
  }

  private static JsonArray organizationsJson(List<OrganizationMembership> organizations) {
    JsonArray json = new JsonArray(new ArrayList<>(organizations.size()));
    organizations.forEach(org -> json.add(new JsonObject().put("id", org.id().toString()).put("name", org.name()).put("role", org.role().text())));
    return json;
  }

  private static JsonArray workspacesJson(UserWorkspaces workspaces) {
    JsonArray json = new JsonArray(new ArrayList<>(workspaces.workspaces().size()));
    workspaces.workspaces().forEach(ws -> json.add(new JsonObject()
        .put("id", ws.id().toString())
        .put("name", ws.name())
        .put("organizationId", ws.organizationId().toString())
        .put("accessLevel", ws.accessLevel().code())
        .put("inherited", ws.inherited())));
    return json;
  }
}
