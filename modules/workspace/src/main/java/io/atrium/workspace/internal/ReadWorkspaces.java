package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Reads workspaces: one, the ones a user can access (everywhere or in one organization), and counts. */
final class ReadWorkspaces {

  private final UnitOfWork<WorkspaceTables> storage;

  ReadWorkspaces(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  /** One statement: the access check returns the workspace too. */
  Future<JsonObject> get(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .map(Accessible::toJson);
  }

  Future<JsonObject> accessOf(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .map(found -> found.access().toJson());
  }

  Future<JsonObject> listForUser(JsonObject request) {
    return list(request, null);
  }

  /** The caller must belong to the organization (any role), else not_found. */
  Future<JsonObject> listInOrganization(JsonObject request) {
    UUID organizationId = new Input(request).id("organizationId");
    if (organizationId == null) {
      return Future.failedFuture(Rejection.notFound("organization").failure());
    }
    return list(request, organizationId);
  }

  private Future<JsonObject> list(JsonObject request, UUID organizationId) {
    Input input = new Input(request);
    UUID userId = input.caller();
    int limit = input.limit();
    Workspaces.PageKey after = input.cursor(Workspaces.PageKey::of);
    return input.validated()
        .compose(valid -> organizationId == null ? Future.succeededFuture() : memberOf(organizationId, userId))
        .compose(allowed -> storage.read().workspaces().accessibleTo(userId, organizationId, after, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, Accessible::toJson, a -> PageCursor.of(a.workspace().name(), a.workspace().id())));
  }

  private Future<Void> memberOf(UUID organizationId, UUID userId) {
    return storage.read().organizationRoles().roleOf(organizationId, userId).compose(role -> role.isPresent()
        ? Future.succeededFuture() : Future.failedFuture(Rejection.notFound("organization").failure()));
  }

  Future<JsonObject> count(JsonObject request) {
    UUID organizationId = Input.parseUuid(request.getValue("organizationId"));
    if (organizationId == null) {
      return Future.succeededFuture(new JsonObject().put("count", 0));
    }
    return storage.read().workspaces().countInOrganization(organizationId).map(n -> new JsonObject().put("count", n));
  }
}
