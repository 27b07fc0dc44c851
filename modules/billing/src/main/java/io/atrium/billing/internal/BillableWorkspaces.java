package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Port: the workspace context, through its typed contract (access) and its addresses (the rest). */
interface BillableWorkspaces {

  /** The caller's access level; {@code not_found} when they have none. */
  Future<AccessLevel> accessOf(UUID userId, UUID workspaceId);

  /** {@code {id, organizationId, name, currency, createdAt}}; {@code not_found} when it does not exist. */
  Future<JsonObject> describe(UUID workspaceId);

  /** One page of the resources that ran in [from, to): {@code [{workspaceId, currency, resourceId, plan, hourlyPrice}]}. */
  Future<JsonArray> ranIn(Instant from, Instant to, String afterResourceId, int limit);

  Future<Void> suspendResources(UUID workspaceId);

  Future<Void> resumeResources(UUID workspaceId);

  /** {@code [{userId, email, name, accessLevel}]} of the owners and admins. */
  Future<JsonArray> adminsOf(UUID workspaceId);
}
