package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * For billing, not for users: suspends every running resource of a workspace whose prepaid balance ran
 * out, and runs the suspended ones again once it is above zero. One statement moves them all and records
 * each change; repeating it changes nothing.
 */
final class ApplySuspension {

  private final UnitOfWork<WorkspaceTables> storage;
  private final Events events;
  private final Clock clock;

  ApplySuspension(UnitOfWork<WorkspaceTables> storage, Events events, Clock clock) {
    this.storage = storage;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> suspend(JsonObject request) {
    return move(request, Resource.RUNNING, Resource.SUSPENDED).map(moved -> new JsonObject().put("suspended", moved));
  }

  Future<JsonObject> resume(JsonObject request) {
    return move(request, Resource.SUSPENDED, Resource.RUNNING).map(moved -> new JsonObject().put("resumed", moved));
  }

  private Future<Integer> move(JsonObject request, String from, String to) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    if (workspaceId == null) {
      return Future.failedFuture(Rejection.notFound("workspace").failure());
    }
    Instant now = Times.now(clock);
    return storage.transaction(tables -> tables.resources().moveAll(workspaceId, from, to, now))
        .map(moved -> {
          moved.forEach(resource -> events.resourceChanged(resource, to, now));
          return moved.size();
        });
  }
}
