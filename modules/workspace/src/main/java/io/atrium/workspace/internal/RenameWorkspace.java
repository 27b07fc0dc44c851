package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Renames a workspace; workspace admins and above. */
final class RenameWorkspace {

  private final UnitOfWork<WorkspaceTables> storage;
  private final Clock clock;

  RenameWorkspace(UnitOfWork<WorkspaceTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  Future<JsonObject> rename(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    String name = input.text("name", 1, CreateWorkspace.MAX_NAME);
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.ADMIN))
        .compose(found -> {
          Instant now = Times.now(clock);
          AuditEntry entry = new Audit(request, workspaceId, userId, now).entry("workspace.renamed", null, null,
              new JsonObject().put("from", found.workspace().name()).put("to", name));
          return storage.transaction(tables -> tables.workspaces().rename(workspaceId, name)
                  .compose(renamed -> tables.auditLog().record(entry)))
              .map(committed -> new Accessible(found.workspace().renamed(name), found.access()).toJson());
        });
  }
}
