package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Bus;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Keeps the replica of organization roles: applies each change the organization context sends
 * ({@link OrganizationAddresses#ROLE_REPLICA}) and rebuilds it from {@link OrganizationAddresses#MEMBERSHIP_SNAPSHOT}
 * on start, page by page, each page replacing its own key range. A user who lost access to their current
 * workspace with a change no longer has it as current one.
 */
final class RoleReplica {

  private static final Logger log = LoggerFactory.getLogger(RoleReplica.class);
  private static final int SNAPSHOT_PAGE = 500;

  private final UnitOfWork<WorkspaceTables> storage;

  RoleReplica(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  Future<JsonObject> apply(JsonObject request) {
    UUID organizationId = Input.parseUuid(request.getValue("organizationId"));
    if (organizationId == null) {
      return Future.failedFuture(Rejection.invalid("organizationId", "must be a UUID").failure());
    }
    if (Boolean.TRUE.equals(request.getValue("deleted"))) {
      return storage.read().organizationRoles().dropOrganization(organizationId).map(new JsonObject());
    }
    UUID userId = Input.parseUuid(request.getValue("userId"));
    Object role = request.getValue("role");
    if (userId == null) {
      return Future.failedFuture(Rejection.invalid("userId", "must be a UUID").failure());
    }
    if (role != null && !List.of("owner", "admin", "member").contains(role)) {
      return Future.failedFuture(Rejection.invalid("role", "must be owner, admin, member or null").failure());
    }
    return storage.transaction(tables -> (role == null
            ? tables.organizationRoles().remove(organizationId, userId)
            : tables.organizationRoles().put(new OrganizationRoles.Role(organizationId, userId, (String) role)))
            .compose(changed -> tables.currentWorkspaces().forgetInaccessible(userId)))
        .map(new JsonObject());
  }

  /** Rebuilds the replica when the organization context answers; otherwise logs and keeps what it has. */
  Future<Void> rebuild(Vertx vertx) {
    return rebuildAfter(vertx, null, 0)
        .onSuccess(rows -> log.info("organization role replica rebuilt ({} memberships)", rows))
        .recover(e -> {
          log.warn("organization role replica not rebuilt ({}); keeping the stored one", e.getMessage());
          return Future.succeededFuture(0);
        })
        .mapEmpty();
  }

  private Future<Integer> rebuildAfter(Vertx vertx, OrganizationRoles.Role after, int seen) {
    JsonObject request = new JsonObject().put("limit", SNAPSHOT_PAGE);
    if (after != null) {
      request.put("afterOrganizationId", after.organizationId().toString()).put("afterUserId", after.userId().toString());
    }
    return Bus.request(vertx, OrganizationAddresses.MEMBERSHIP_SNAPSHOT, request).compose(reply -> {
      List<OrganizationRoles.Role> roles = reply.getJsonArray("items", new JsonArray()).stream()
          .map(JsonObject.class::cast)
          .map(o -> new OrganizationRoles.Role(UUID.fromString(o.getString("organizationId")), UUID.fromString(o.getString("userId")),
              o.getString("role")))
          .toList();
      boolean last = roles.size() < SNAPSHOT_PAGE;
      return storage.transaction(tables -> tables.organizationRoles().replaceRange(after, roles, last))
          .compose(replaced -> last ? Future.succeededFuture(seen + roles.size())
              : rebuildAfter(vertx, roles.get(roles.size() - 1), seen + roles.size()));
    });
  }
}
