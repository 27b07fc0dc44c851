package io.atrium.platform;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEntryTest {

  private final UUID scope = UUID.randomUUID();
  private final UUID actor = UUID.randomUUID();
  private final UUID subject = UUID.randomUUID();

  @Test
  void the_withers_add_subject_and_details_without_changing_the_entry_they_start_from() {
    AuditEntry first = AuditEntry.of(scope, Instant.parse("2026-11-27T10:00:00Z"), actor, "member.removed", "req-1");
    AuditEntry full = first.aboutUser(subject).aboutEmail("ada@example.com").with("role", "admin");

    assertThat(first.subjectUserId()).isNull();
    assertThat(first.details()).isEqualTo(new JsonObject());
    assertThat(full.id()).isEqualTo(first.id());
    assertThat(full.toJson(null)).isEqualTo(new JsonObject()
        .put("id", first.id().toString()).put("occurredAt", "2026-11-27T10:00:00Z").put("actorId", actor.toString())
        .put("action", "member.removed").put("subjectUserId", subject.toString()).put("subjectEmail", "ada@example.com")
        .put("details", new JsonObject().put("role", "admin")).put("requestId", "req-1"));
  }

  @Test
  void the_scope_is_shown_under_the_name_given_right_after_the_id_and_left_out_without_one() {
    AuditEntry entry = AuditEntry.of(scope, Instant.parse("2026-11-27T10:00:00Z"), null, "workspace.renamed", null);
    assertThat(List.copyOf(entry.toJson("workspaceId").fieldNames())).startsWith("id", "workspaceId");
    assertThat(entry.toJson("workspaceId").getString("workspaceId")).isEqualTo(scope.toString());
    assertThat(entry.toJson(null).containsKey("workspaceId")).isFalse();
    assertThat(entry.toJson(null).getValue("actorId")).isNull();
  }
}
