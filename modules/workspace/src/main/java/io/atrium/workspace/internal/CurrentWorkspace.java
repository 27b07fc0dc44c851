package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The workspace a user works in: answered only while the user can still access it (else cleared, null). */
final class CurrentWorkspace {

  private final UnitOfWork<WorkspaceTables> storage;

  CurrentWorkspace(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> currentOf(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    return input.validated()
        .compose(valid -> storage.read().currentWorkspaces().of(userId))
        .compose(current -> {
          if (current.isEmpty()) {
            return Future.succeededFuture(reply(null));
          }
          if (current.get().accessible()) {
            return Future.succeededFuture(reply(current.get().workspaceId()));
          }
          return storage.read().currentWorkspaces().clear(userId, current.get().workspaceId()).map(cleared -> reply(null));
        });
  }

  Future<JsonObject> setCurrent(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    if (request.getValue("workspaceId") == null) {
      return input.validated().compose(valid -> storage.read().currentWorkspaces().clear(userId, null)).map(cleared -> reply(null));
    }
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .compose(found -> storage.read().currentWorkspaces().set(userId, workspaceId))
        .map(set -> reply(workspaceId));
  }

  private static JsonObject reply(UUID workspaceId) {
    return new JsonObject().put("workspaceId", workspaceId == null ? null : workspaceId.toString());
  }
}
