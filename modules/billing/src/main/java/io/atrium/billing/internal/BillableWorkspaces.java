package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: the workspace context, through its typed contracts. */
interface BillableWorkspaces {

  /** The caller's access level; {@code not_found} when they have none. */
  Future<AccessLevel> accessOf(UUID userId, UUID workspaceId);

  /** The live workspace; {@code not_found} when it does not exist. */
  Future<WorkspaceFacts.Summary> describe(UUID workspaceId);

  /** One page of the resources that ran in [from, to), by resource id, after {@code afterResourceId} (null: the first). */
  Future<List<WorkspaceFacts.ResourceRun>> ranIn(Instant from, Instant to, UUID afterResourceId, int limit);

  Future<Void> suspendResources(UUID workspaceId);

  Future<Void> resumeResources(UUID workspaceId);

  /** The owners and admins, direct or inherited. */
  Future<List<WorkspaceFacts.Admin>> adminsOf(UUID workspaceId);
}
