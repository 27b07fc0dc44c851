package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PriceCatalogue;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

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

  private final WorkspacePorts context;
  private final PriceCatalogue catalogue;
  private final BillingRequests admission;

  CreateResource(WorkspacePorts context, PriceCatalogue catalogue, BillingRequests admission) {
    this.context = context;
    this.catalogue = catalogue;
    this.admission = admission;
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
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.MEMBER))
        .compose(found -> {
          long price = catalogue.hourlyPriceMicros((String) plan, found.workspace().currency()).orElseThrow();
          Instant now = Times.now(context.clock());
          Resource resource = new Resource(UUID.randomUUID(), workspaceId, SERVER, name, (String) plan, price, Resource.RUNNING, now);
          return admission.admit(workspaceId, resource.plan(), price)
              .compose(admitted -> context.transactions().run(db -> context.workspaces().lock(db, workspaceId)
                  .compose(live -> live ? context.resources().insert(db, resource)
                      : Future.failedFuture(Rejection.notFound("workspace").failure()))))
              .map(created -> {
                context.events().resourceChanged(resource, Resource.RUNNING, now);
                return resource.toJson();
              });
        });
  }
}
