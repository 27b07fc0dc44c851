package io.atrium.billing.internal;

import io.atrium.billing.BillingMetrics;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * Applies the ledger's status to a workspace's resources (suspend or resume, idempotent) as a state, not a verb: each
 * application carries the ledger seq it was decided at, and one older than the last applied (or as old and the same) is
 * ignored. So "resumed" then "suspended" delivered out of order leave a paid workspace running. A budget change suspends or
 * resumes without a new entry, at the same seq: that one is applied, and the reconciler repairs the rare reordering. The state is recorded in one short
 * statement and the command is sent outside any transaction (it needs a connection of the same pool: holding one meanwhile
 * would let a burst of notifications take them all). When a newer state was recorded while its command was on its way, the
 * newer one is sent again after it, so the last command the resources get is the last recorded state's.
 */
final class ApplyResourceState {

  private static final Logger log = LoggerFactory.getLogger(ApplyResourceState.class);

  private final UnitOfWork<BillingTables> storage;
  private final BillableWorkspaces workspaces;
  private final Clock clock;

  ApplyResourceState(UnitOfWork<BillingTables> storage, BillableWorkspaces workspaces, Clock clock) {
    this.storage = storage;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /**
   * Applies {@code status} ("active" or "suspended") decided at ledger {@code seq}; false when a newer one was applied already.
   * A null seq (a notification from before seqs) is applied without being recorded.
   */
  Future<Boolean> apply(UUID workspaceId, String status, Long seq) {
    if (seq == null) {
      return command(workspaceId, status).map(true);
    }
    ResourceStates states = storage.read().resourceStates();
    return states.record(workspaceId, status, seq, Times.now(clock)).compose(recorded -> {
      if (recorded.isEmpty()) {
        log.info("{} of workspace {} at ledger seq {} ignored: a newer state was applied already", status, workspaceId, seq);
        BillingMetrics.reconcilerAction("resource_states", "stale_ignored", 1);
        return Future.succeededFuture(false);
      }
      return command(workspaceId, status)
          .recover(e -> states.undo(workspaceId, seq, recorded.get()).transform(undone -> Future.<Void>failedFuture(e)))
          .compose(sent -> followNewer(states, workspaceId, seq)).map(true);
    });
  }

  // Bounded: each round follows a strictly newer seq, and the ledger makes few status changes.
  private Future<Void> followNewer(ResourceStates states, UUID workspaceId, long sentSeq) {
    return states.recorded(workspaceId).compose(state -> state.seq() <= sentSeq ? Future.succeededFuture()
        : command(workspaceId, state.status()).compose(sent -> followNewer(states, workspaceId, state.seq())));
  }

  private Future<Void> command(UUID workspaceId, String status) {
    return "suspended".equals(status) ? workspaces.suspendResources(workspaceId) : workspaces.resumeResources(workspaceId);
  }
}
