package io.atrium.organization;

import io.atrium.platform.Codes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogIT extends OrganizationHarness {

  @Test
  void everyChangeIsLoggedNewestFirstWithActorSubjectAndRequestId() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = ask(OrganizationAddresses.CREATE, new JsonObject().put("userId", ada.id()).put("name", "Logged")
        .put("requestId", "req-1")).getString("id");
    ask(OrganizationAddresses.INVITE, request(ada, org).put("email", bob.email()).put("role", "member").put("requestId", "req-2"));
    ask(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, tokenMailedTo(bob.email())).put("requestId", "req-3"));
    ask(OrganizationAddresses.CHANGE_MEMBER_ROLE, request(ada, org).put("memberId", bob.id()).put("role", "admin").put("requestId", "req-4"));
    ask(OrganizationAddresses.RENAME, request(ada, org).put("name", "Renamed").put("requestId", "req-5"));
    String carol = invite(ada, org, "carol@example.com", "member").getString("id");
    ask(OrganizationAddresses.REVOKE_INVITATION, request(ada, org).put("invitationId", carol));
    ask(OrganizationAddresses.REMOVE_MEMBER, request(bob, org).put("memberId", bob.id()).put("requestId", "req-8"));

    List<JsonObject> entries = readAll(ada, org, 3);

    assertThat(entries.stream().map(e -> e.getString("action"))).containsExactly(
        "member.left", "invitation.revoked", "invitation.created", "organization.renamed", "member.role_changed",
        "invitation.accepted", "invitation.created", "organization.created");
    JsonObject roleChange = entries.get(4);
    assertThat(roleChange.getString("actorId")).isEqualTo(ada.id());
    assertThat(roleChange.getString("subjectUserId")).isEqualTo(bob.id());
    assertThat(roleChange.getJsonObject("details")).isEqualTo(new JsonObject().put("from", "member").put("to", "admin"));
    assertThat(roleChange.getString("requestId")).isEqualTo("req-4");
    assertThat(entries.get(3).getJsonObject("details")).isEqualTo(new JsonObject().put("from", "Logged").put("to", "Renamed"));
    assertThat(entries.get(6).getString("subjectEmail")).isEqualTo(bob.email());
    assertThat(entries.get(5).getString("actorId")).isEqualTo(bob.id());
    assertThat(entries.get(0).getString("requestId")).isEqualTo("req-8");
    assertThat(entries.get(7).getString("requestId")).isEqualTo("req-1");
    assertThat(entries.get(1).getString("requestId")).isNull();
    assertThat(entries.get(0).getString("occurredAt")).endsWith("Z");
  }

  @Test
  void onlyAdminsReadIt() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = createOrganization(ada, "Secret log");
    join(ada, org, bob, "member");

    assertThat(rejection(OrganizationAddresses.AUDIT_LOG, request(bob, org)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.AUDIT_LOG, request(ada, org).put("cursor", "bm9wZQ")).errors())
        .extracting(error -> error.field()).containsExactly("cursor");
  }

  /** Every entry, read {@code limit} at a time by following the cursors. */
  private static List<JsonObject> readAll(User caller, String org, int limit) {
    List<JsonObject> entries = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject request = request(caller, org).put("limit", limit);
      JsonObject page = ask(OrganizationAddresses.AUDIT_LOG, cursor == null ? request : request.put("cursor", cursor));
      JsonArray items = page.getJsonArray("items");
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      items.forEach(item -> entries.add((JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return entries;
  }
}
