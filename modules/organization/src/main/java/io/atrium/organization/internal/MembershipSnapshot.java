package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Every membership, paged by (organization, user), for replicas that rebuild themselves. */
final class MembershipSnapshot {

  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 1000;

  private final UnitOfWork<OrganizationTables> storage;

  MembershipSnapshot(UnitOfWork<OrganizationTables> storage) {
    this.storage = storage;
  }

  /** {@code {afterOrganizationId?, afterUserId?, limit?}} (both "after" ids or neither) → {@code {items:[{organizationId, userId, role}]}}. */
  Future<JsonObject> page(JsonObject request) {
    Input input = new Input(request);
    boolean from = request.getValue("afterOrganizationId") != null || request.getValue("afterUserId") != null;
    UUID afterOrganizationId = from ? input.userId("afterOrganizationId") : null;
    UUID afterUserId = from ? input.userId("afterUserId") : null;
    int limit = input.limit(DEFAULT_LIMIT, MAX_LIMIT);
    return input.validated()
        .compose(valid -> storage.read().memberships().snapshot(afterOrganizationId, afterUserId, limit))
        .map(rows -> new JsonObject().put("items", new JsonArray(rows.stream()
            .map(row -> new JsonObject()
                .put("organizationId", row.organizationId().toString())
                .put("userId", row.userId().toString())
                .put("role", row.role().text()))
            .toList())));
  }
}
