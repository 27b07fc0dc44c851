package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Stops, starts and deletes resources; members and above. Stopping a stopped or starting a running
 * resource changes nothing and answers it as it is. A suspended resource (billing suspended it) cannot be
 * stopped or started by a member ({@code conflict}). Starting asks billing's admission first. Deleting is
 * soft: the row and its state history stay for billing, the resource leaves every list.
 */
final class ChangeResourceState {

  private final UnitOfWork<WorkspaceTables> storage;
  private final BillingRequests admission;
  private final Events events;
  private final Clock clock;

  ChangeResourceState(UnitOfWork<WorkspaceTables> storage, BillingRequests admission, Events events, Clock clock) {
    this.storage = storage;
    this.admission = admission;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> stop(JsonObject request) {
    return change(request, Resource.RUNNING, Resource.STOPPED);
  }

  Future<JsonObject> start(JsonObject request) {
    return change(request, Resource.STOPPED, Resource.RUNNING);
  }

  Future<JsonObject> delete(JsonObject request) {
    Instant now = Times.now(clock);
    return found(request).compose(resource -> storage.transaction(tables -> tables.resources().delete(resource, now))
        .compose(deleted -> deleted ? Future.succeededFuture(resource) : notFound()))
        .map(resource -> {
          events.resourceChanged(resource, Resource.DELETED, now);
          return new JsonObject();
        });
  }

  private Future<JsonObject> change(JsonObject request, String from, String to) {
    Instant now = Times.now(clock);
    return found(request).compose(resource -> {
      if (resource.state().equals(to)) {
        return Future.succeededFuture(resource.toJson());
      }
      if (!resource.state().equals(from)) {
        return Future.failedFuture(Rejection.conflict("the resource is " + resource.state()).failure());
      }
      Future<Void> admitted = Resource.RUNNING.equals(to)
          ? admission.admit(resource.workspaceId(), resource.plan(), resource.hourlyPriceMicros()) : Future.succeededFuture();
      return admitted
          .compose(ok -> storage.transaction(tables -> tables.resources().transition(resource, from, to, now)))
          .compose(changed -> changed.isPresent() ? Future.succeededFuture(changed.get())
              : Future.failedFuture(Rejection.conflict("the resource changed meanwhile; try again").failure()))
          .map(changed -> {
            events.resourceChanged(changed, to, now);
            return changed.toJson();
          });
    });
  }

  private Future<Resource> found(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID resourceId = input.id("resourceId");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.MEMBER))
        .compose(ws -> storage.read().resources().byId(workspaceId, resourceId))
        .compose(resource -> resource.isPresent() ? Future.succeededFuture(resource.get()) : notFound());
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(Rejection.notFound("resource").failure());
  }
}
