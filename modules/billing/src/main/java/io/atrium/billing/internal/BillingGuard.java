package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * The access check every workspace request starts with: the workspace context says the caller's level
 * ({@code not_found} without access), then the workspace's account, opened on the spot if the
 * {@code workspace.created} event never arrived.
 */
final class BillingGuard {

  private final BillableWorkspaces workspaces;
  private final OpenAccount opening;

  BillingGuard(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.workspaces = collaborators.workspaces();
    this.opening = new OpenAccount(storage, collaborators);
  }

  Future<Account> require(UUID userId, UUID workspaceId, AccessLevel minimum) {
    return access(userId, workspaceId, minimum).compose(ok -> opening.ensure(workspaceId));
  }

  /** The access check alone, for a caller that has the account already. */
  Future<Void> access(UUID userId, UUID workspaceId, AccessLevel minimum) {
    return workspaces.accessOf(userId, workspaceId).compose(level -> level != null && level.atLeast(minimum)
        ? Future.succeededFuture()
        : Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS, "needs " + minimum.asMinimum() + " access to the workspace").failure()));
  }
}
