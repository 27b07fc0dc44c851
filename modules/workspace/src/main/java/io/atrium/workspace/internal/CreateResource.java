package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PriceCatalogue;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates a running server in a workspace; members and above. The plan must be in the price catalogue;
 * the resource keeps the plan's hourly price in the workspace's currency as it was at creation. Billing
 * admits it first ({@link BillingRequests}).
 */
final class CreateResource {

  static final String SERVER = "server";
  private static final int MAX_NAME = 100;

  private final UnitOfWork<WorkspaceTables> storage;
  private final PriceCatalogue catalogue;
  private final BillingRequests admission;
  private final Events events;
  private final Clock clock;

  CreateResource(UnitOfWork<WorkspaceTables> storage, PriceCatalogue catalogue, BillingRequests admission, Events events, Clock clock) {
    this.storage = storage;
    this.catalogue = catalogue;
    this.admission = admission;
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    if (!SERVER.equals(request.getValue("type"))) {
      input.error("type", "must be \"server\"");
    }
    String name = input.text("name", 1, MAX_NAME);
    Object plan = request.getValue("plan");
    if (!catalogue.hasPlan(plan)) {
      input.error("plan", "must be a plan of the price catalogue");
    }
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.MEMBER))
        .compose(found -> {
          long price = catalogue.hourlyPriceMicros((String) plan, found.workspace().currency()).orElseThrow();
          Instant now = Times.now(clock);
          Resource resource = new Resource(UUID.randomUUID(), workspaceId, SERVER, name, (String) plan, price, Resource.RUNNING, now);
          return admission.admit(workspaceId, resource.plan(), price)
              .compose(admitted -> storage.transaction(tables -> tables.workspaces().lock(workspaceId)
                  .compose(live -> live ? tables.resources().insert(resource)
                      : Future.failedFuture(Rejection.notFound("workspace").failure()))))
              .map(created -> {
                events.resourceChanged(resource, Resource.RUNNING, now);
                return resource.toJson();
              });
        });
  }
}
