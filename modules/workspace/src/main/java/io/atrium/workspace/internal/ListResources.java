package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejected;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Reads a workspace's live resources; viewers and above. */
final class ListResources {

  private final UnitOfWork<WorkspaceTables> storage;

  ListResources(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    Resources.PageKey after = input.cursor(Resources.PageKey::of);
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .compose(found -> storage.read().resources().page(workspaceId, after, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, Resource::toJson, r -> PageCursor.of(Times.text(r.createdAt()), r.id())));
  }

  Future<JsonObject> get(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID resourceId = input.id("resourceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .compose(found -> storage.read().resources().byId(workspaceId, resourceId))
        .compose(found -> Rejected.orNotFound(found, "resource"))
        .map(Resource::toJson);
  }
}
