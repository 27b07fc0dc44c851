package io.atrium.workspace;

import io.atrium.platform.BusClient;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What other contexts (billing, webhooks) learn about workspaces and ask of them without a caller, typed, over the
 * bus ({@link WorkspaceAddresses}) because billing's worker may run in another process. The JSON stays in here.
 */
public final class WorkspaceFacts extends BusClient {

  /** A live workspace as billing sees it. */
  public record Summary(UUID id, UUID organizationId, String name, String currency) {}

  /** A resource that ran in an hour, with its plan's price per hour in micro-units of the currency. */
  public record ResourceRun(UUID workspaceId, UUID organizationId, String currency, UUID resourceId, String plan, long hourlyPriceMicros) {}

  /** An owner or admin of a workspace (direct or inherited), for mail. */
  public record Admin(UUID userId, String email, String name, AccessLevel accessLevel) {}

  public WorkspaceFacts(Vertx vertx) {
    super(vertx);
  }

  /** The live workspace; {@code not_found} when it does not exist. */
  public Future<Summary> describe(UUID workspaceId) {
    return ask(WorkspaceAddresses.DESCRIBE, workspace(workspaceId)).map(json -> new Summary(UUID.fromString(json.getString("id")),
        UUID.fromString(json.getString("organizationId")), json.getString("name"), json.getString("currency")));
  }

  /** One page of the resources that ran in [from, to), by resource id, after {@code afterResourceId} (null: the first). */
  public Future<List<ResourceRun>> ranIn(Instant from, Instant to, UUID afterResourceId, int limit) {
    JsonObject request = new JsonObject().put("from", Times.text(from)).put("to", Times.text(to)).put("limit", limit)
        .put("afterResourceId", afterResourceId == null ? null : afterResourceId.toString());
    return ask(WorkspaceAddresses.RESOURCES_RUN_IN, request).map(reply -> items(reply).stream().map(json -> new ResourceRun(
        UUID.fromString(json.getString("workspaceId")), UUID.fromString(json.getString("organizationId")), json.getString("currency"),
        UUID.fromString(json.getString("resourceId")), json.getString("plan"), json.getLong("hourlyPrice"))).toList());
  }

  /** The owners and admins, direct or inherited. */
  public Future<List<Admin>> adminsOf(UUID workspaceId) {
    return ask(WorkspaceAddresses.ADMINS_OF, workspace(workspaceId)).map(reply -> items(reply).stream().map(json -> new Admin(
        UUID.fromString(json.getString("userId")), json.getString("email"), json.getString("name"),
        AccessLevel.parse(json.getString("accessLevel")))).toList());
  }

  /** Suspends every running resource of the workspace. Idempotent. */
  public Future<Void> suspendResources(UUID workspaceId) {
    return ask(WorkspaceAddresses.SUSPEND_RESOURCES, workspace(workspaceId)).mapEmpty();
  }

  /** Runs every suspended resource of the workspace again. Idempotent. */
  public Future<Void> resumeResources(UUID workspaceId) {
    return ask(WorkspaceAddresses.RESUME_RESOURCES, workspace(workspaceId)).mapEmpty();
  }

  private static JsonObject workspace(UUID workspaceId) {
    return new JsonObject().put("workspaceId", workspaceId.toString());
  }

  private static List<JsonObject> items(JsonObject reply) {
    return reply.getJsonArray("items", new JsonArray()).stream().map(JsonObject.class::cast).toList();
  }
}
