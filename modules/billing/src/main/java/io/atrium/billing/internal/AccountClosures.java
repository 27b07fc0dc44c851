package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Port: closing and reopening accounts for workspace deletions, and the locks that order a closing against the ledger's
 * batches, top-ups and credit grants.
 */
interface AccountClosures {

  /** An account closed or reopened at {@code markedAt} whose workspace's deletion is not settled yet. */
  record Unsettled(UUID workspaceId, boolean closed, Instant markedAt) {}

  /** The ledger's balance (0 before its first money movement), its row locked until the transaction ends. */
  Future<Long> lockBalance(UUID workspaceId);

  /** The account's row, locked until the transaction ends. */
  Future<Void> lockAccount(UUID workspaceId);

  Future<Long> pendingTopUps(UUID workspaceId);

  /** Closes an open account, marked unsettled until the reconciler sees whether the deletion committed. */
  Future<Void> close(UUID workspaceId, Instant at);

  /** Opens the account again, marked unsettled likewise. */
  Future<Void> reopen(UUID workspaceId, Instant at);

  /** True when the account is open, with a shared lock on its row (which a closing waits for) until the transaction ends. */
  Future<Boolean> holdOpen(UUID workspaceId);

  /** At most 200 accounts marked before {@code before}, oldest mark first. */
  Future<List<Unsettled>> unsettled(Instant before);

  /** Closes ({@code deleted}) or opens the account and clears its mark, unless it was marked again since; whether it held. */
  Future<Boolean> settle(Unsettled account, boolean deleted, Instant at);
}
