package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Charges one hour: every resource that ran at any moment of it gets one CONSUMPTION job (source
 * {@code consumption:<resourceId>:<hour>}, so running an hour twice charges once: the ledger skips a source
 * it has). The workspace context lists the resources page by page; each page's jobs go in one
 * transaction. An hour that has not started is refused.
 */
final class RunConsumption {

  static final int PAGE = 500;

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  RunConsumption(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  /** {@code POST /admin/consumption-runs}: {@code {email, hour}}; operators only. */
  Future<JsonObject> requested(JsonObject request) {
    Input input = new Input(request);
    input.caller();
    Instant hour = request.getValue("hour") == null ? input.error("hour", "is required, like \"2030-01-31T12:00:00Z\"")
        : input.instant("hour");
    if (hour != null && !hour.equals(hour.truncatedTo(ChronoUnit.HOURS))) {
      input.error("hour", "must be the start of an hour, like \"2030-01-31T12:00:00Z\"");
    } else if (hour != null && hour.isAfter(Times.now(collaborators.clock()))) {
      input.error("hour", "has not started yet");
    }
    return collaborators.operators().require(request.getValue("email"))
        .compose(operator -> input.validated())
        .compose(valid -> run(hour, "operator:" + request.getString("email")));
  }

  /** Runs the hour starting at {@code hour}; {@code {hour, jobs}}. */
  Future<JsonObject> run(Instant hour, String requestedBy) {
    return page(hour, null, 0).compose(jobs -> storage.read().consumptionRuns().record(hour, requestedBy, Times.now(collaborators.clock()), jobs)
        .map(recorded -> new JsonObject().put("hour", Times.text(hour)).put("jobs", jobs)));
  }

  private Future<Integer> page(Instant hour, UUID after, int jobsSoFar) {
    return collaborators.workspaces().ranIn(hour, hour.plus(1, ChronoUnit.HOURS), after, PAGE).compose(items -> {
      if (items.isEmpty()) {
        return Future.succeededFuture(jobsSoFar);
      }
      return storage.transaction((tables, outgoing) -> {
        Future<Void> appended = Future.succeededFuture();
        for (int i = 0; i < items.size(); i++) {
          WorkspaceFacts.ResourceRun ran = items.get(i);
          appended = appended.compose(v -> outgoing.send(collaborators.job(ran.workspaceId(), BillingJobs.CONSUMPTION, job(ran, hour))));
        }
        return appended;
      }).compose(committed -> items.size() < PAGE ? Future.succeededFuture(jobsSoFar + items.size())
          : page(hour, last(items), jobsSoFar + items.size()));
    });
  }

  private static JsonObject job(WorkspaceFacts.ResourceRun ran, Instant hour) {
    return new JsonObject()
        .put("workspaceId", ran.workspaceId().toString())
        .put("currency", ran.currency())
        .put("resourceId", ran.resourceId().toString())
        .put("plan", ran.plan())
        .put("hour", Times.text(hour))
        .put("amount", ran.hourlyPriceMicros());
  }

  private static UUID last(List<WorkspaceFacts.ResourceRun> items) {
    return items.get(items.size() - 1).resourceId();
  }
}
