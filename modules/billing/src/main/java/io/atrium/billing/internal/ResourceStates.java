package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the ledger status last applied to each workspace's resources, at the ledger seq it was decided at. */
interface ResourceStates {

  /** The state a recording replaced; all null when the workspace had none. */
  record Replaced(String status, Long seq, Instant appliedAt) {}

  /** A state as recorded, or a ledger's status at its last seq. */
  record State(UUID workspaceId, String status, long seq) {}

  /** Records the state unless a newer one (or the same) is recorded; what it replaced, or empty when it was not recorded. */
  Future<Optional<Replaced>> record(UUID workspaceId, String status, long seq, Instant at);

  /** Undoes the recording at {@code seq}: puts back what it replaced, or deletes it when it replaced none. */
  Future<Void> undo(UUID workspaceId, long seq, Replaced before);

  /** The state recorded for the workspace; call once one was. */
  Future<State> recorded(UUID workspaceId);

  /**
   * At most 200 ledgers whose status differs from the one last applied before {@code settledBefore} (or that are suspended
   * with none applied, and changed before it): their status at their last seq.
   */
  Future<List<State>> drifted(Instant settledBefore);
}
