package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Renames a workspace; workspace admins and above. */
final class RenameWorkspace {

  private final WorkspacePorts context;

  RenameWorkspace(WorkspacePorts context) {
    this.context = context;
  }

  Future<JsonObject> rename(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    String name = input.text("name", 1, CreateWorkspace.MAX_NAME);
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.ADMIN))
        .compose(found -> {
          Instant now = Times.now(context.clock());
          AuditEntry entry = new Audit(request, workspaceId, userId, now).entry("workspace.renamed", null, null,
              new JsonObject().put("from", found.workspace().name()).put("to", name));
          return context.transactions().run(db -> context.workspaces().rename(db, workspaceId, name)
                  .compose(renamed -> context.audit().record(db, entry)))
              .map(committed -> new Accessible(found.workspace().renamed(name), found.access()).toJson());
        });
  }
}
