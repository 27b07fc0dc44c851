package io.atrium.billing.internal;

import io.atrium.platform.testing.InMemoryUnitOfWork;

import java.time.Clock;
import java.util.List;

/**
 * Billing's tables in memory, for rule tests: a failed transaction puts the accounts and Idempotency-Keys back and drops its
 * outbox messages, as a rollback would. Only accounts, the ledger's standings and the keys have fakes (the others are null).
 */
final class InMemoryBillingTables {

  final InMemoryAccounts accounts = new InMemoryAccounts();
  final InMemoryLedger ledger = new InMemoryLedger();
  final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys();
  final InMemoryUnitOfWork<BillingTables> storage = new InMemoryUnitOfWork<>(
      new BillingTables(accounts, null, null, ledger, null, null, idempotencyKeys, null, null, null, null),
      () -> {
        List<Runnable> rollback = List.of(accounts.savepoint(), idempotencyKeys.savepoint());
        return () -> rollback.forEach(Runnable::run);
      });

  /** The workspace context given, one partition, and nothing else (no catalogue, provider or operators). */
  static BillingCollaborators collaborators(BillableWorkspaces workspaces, Clock clock) {
    return new BillingCollaborators(workspaces, null, null, null, null, 1, clock);
  }
}
