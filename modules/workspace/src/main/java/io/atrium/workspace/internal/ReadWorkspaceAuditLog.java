package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Reads a workspace's audit log, newest first; admins and above. */
final class ReadWorkspaceAuditLog {

  private final UnitOfWork<WorkspaceTables> storage;

  ReadWorkspaceAuditLog(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    Long before = input.cursor(parts -> Long.parseLong(parts.get(0)));
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.ADMIN))
        .compose(found -> storage.read().auditLog().page(workspaceId, before, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, n -> n.entry().toJson("workspaceId"), n -> PageCursor.of(n.seq())));
  }
}
