package io.atrium.billing.internal;

import io.atrium.platform.Rejected;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The reconciler step that settles closing and reopening accounts: a workspace's deletion closes its account first and
 * deletes the workspace in a second transaction, so a kill in between leaves a live workspace with a closed account, and a
 * deletion whose COMMIT failed ambiguously may have reopened the account of a deleted workspace. For each account closed or
 * reopened a while ago ({@code closure_unsettled_at}), the workspace context is asked whether the workspace is live: a live
 * one's account is opened, a deleted one's closed. Each update holds only if nothing closed or reopened it since it was read.
 */
final class SettleAccountClosures {

  /** What a pass did. */
  record Settled(int reopened, int closed) {}

  private final UnitOfWork<BillingTables> storage;
  private final BillableWorkspaces workspaces;
  private final Clock clock;

  SettleAccountClosures(UnitOfWork<BillingTables> storage, BillableWorkspaces workspaces, Clock clock) {
    this.storage = storage;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** Settles the accounts closed or reopened before {@code before} (a deletion in progress is left alone). */
  Future<Settled> settle(Instant before) {
    AccountClosures closures = storage.read().accountClosures();
    return closures.unsettled(before).compose(accounts -> {
      int[] counts = {0, 0};
      Future<Void> chain = Future.succeededFuture();
      for (AccountClosures.Unsettled account : accounts) {
        chain = chain.compose(v -> deleted(account.workspaceId()).compose(deleted -> closures.settle(account, deleted, Times.now(clock))
            .map(updated -> {
              if (updated && deleted != account.closed()) {
                counts[deleted ? 1 : 0]++;
              }
              return null;
            })));
      }
      return chain.map(v -> new Settled(counts[0], counts[1]));
    });
  }

  /** True when the workspace context does not know the workspace (deleted); any other failure fails the pass. */
  private Future<Boolean> deleted(UUID workspace) {
    return Rejected.orWhenNotFound(workspaces.describe(workspace).map(false), true);
  }
}
