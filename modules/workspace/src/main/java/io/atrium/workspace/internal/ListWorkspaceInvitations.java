package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** A workspace's invitations for its admins (newest first, no tokens), and the open ones addressed to one email. */
final class ListWorkspaceInvitations {

  private final UnitOfWork<WorkspaceTables> storage;
  private final Clock clock;

  ListWorkspaceInvitations(UnitOfWork<WorkspaceTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    Invitations.PageKey after = input.cursor(Invitations.PageKey::of);
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.ADMIN))
        .compose(found -> storage.read().invitations().page(workspaceId, after, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, i -> i.toJson(now), i -> PageCursor.of(Times.text(i.createdAt()), i.id())));
  }

  Future<JsonObject> forEmail(JsonObject request) {
    Input input = new Input(request);
    String email = input.email("email");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> storage.read().invitations().openFor(email, now))
        .map(rows -> new JsonObject().put("items", new JsonArray(rows.stream().map(a -> new JsonObject()
            .put("id", a.invitation().id().toString())
            .put("kind", "workspace")
            .put("workspaceId", a.invitation().workspaceId().toString())
            .put("workspaceName", a.workspaceName())
            .put("organizationId", a.organizationId().toString())
            .put("accessLevel", a.invitation().accessLevel().code())
            .put("status", a.invitation().statusAt(now))
            .put("expiresAt", Times.text(a.invitation().expiresAt()))).toList())));
  }
}
