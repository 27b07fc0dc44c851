package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** What the billing context asks without a caller: which resources ran in an hour, who administers a workspace, what a workspace is. */
final class BillingQuestions {

  static final int DEFAULT_RUN_PAGE = 500;
  static final int MAX_RUN_PAGE = 1000;
  /** Far more people than administer any workspace; the list is for mail, not for paging. */
  private static final int ALL_MEMBERS = 10_000;

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;

  BillingQuestions(UnitOfWork<WorkspaceTables> storage, IdentityUsers users) {
    this.storage = storage;
    this.users = users;
  }

  /** {@code {from, to, afterResourceId?, limit?}} → {@code {items:[{workspaceId, organizationId, currency, resourceId, plan, hourlyPrice}]}}. */
  Future<JsonObject> resourcesRunIn(JsonObject request) {
    Input input = new Input(request);
    Instant from = instant(input, request, "from");
    Instant to = instant(input, request, "to");
    UUID after = request.getValue("afterResourceId") == null ? null : Input.parseUuid(request.getValue("afterResourceId"));
    int limit = request.getInteger("limit", DEFAULT_RUN_PAGE);
    if (limit < 1 || limit > MAX_RUN_PAGE) {
      input.error("limit", "must be 1 to " + MAX_RUN_PAGE);
    }
    return input.validated()
        .compose(valid -> storage.read().resources().ranIn(from, to, after, limit))
        .map(ran -> new JsonObject().put("items", new JsonArray(ran.stream().map(r -> new JsonObject()
            .put("workspaceId", r.workspaceId().toString())
            .put("organizationId", r.organizationId().toString())
            .put("currency", r.currency())
            .put("resourceId", r.resourceId().toString())
            .put("plan", r.plan())
            .put("hourlyPrice", r.hourlyPriceMicros())).toList())));
  }

  /** {@code {workspaceId}} → {@code {items:[{userId, email, name, accessLevel}]}}: owners and admins, direct or inherited. */
  Future<JsonObject> adminsOf(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    if (workspaceId == null) {
      return Future.failedFuture(Rejection.notFound("workspace").failure());
    }
    return storage.read().members().page(workspaceId, null, ALL_MEMBERS).compose(members -> {
      List<Members.Member> admins = members.stream().filter(m -> m.access().atLeast(AccessLevel.ADMIN)).toList();
      return users.byIds(admins.stream().map(Members.Member::userId).toList())
          .map(people -> new JsonObject().put("items", new JsonArray(admins.stream()
              .filter(m -> people.containsKey(m.userId()))
              .map(m -> new JsonObject()
                  .put("userId", m.userId().toString())
                  .put("email", people.get(m.userId()).email())
                  .put("name", people.get(m.userId()).name())
                  .put("accessLevel", m.access().effective().code()))
              .toList())));
    });
  }

  /** {@code {workspaceId}} → the live workspace, without an access check. */
  Future<JsonObject> describe(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    if (workspaceId == null) {
      return Future.failedFuture(Rejection.notFound("workspace").failure());
    }
    return storage.read().workspaces().byId(workspaceId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get().toJson()) : Future.failedFuture(Rejection.notFound("workspace").failure()));
  }

  private static Instant instant(Input input, JsonObject request, String field) {
    try {
      return Times.parse(request.getString(field));
    } catch (DateTimeParseException | NullPointerException | ClassCastException e) {
      return input.error(field, "must be an RFC 3339 UTC timestamp");
    }
  }
}
