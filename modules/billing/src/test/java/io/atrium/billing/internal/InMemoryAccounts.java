package io.atrium.billing.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Accounts} in a map, for rule tests. */
final class InMemoryAccounts implements Accounts {

  private final Map<UUID, Account> accounts = new HashMap<>();

  @Override
  public Future<Account> open(UUID workspaceId, UUID organizationId, String currency, Instant at) {
    return Future.succeededFuture(accounts.computeIfAbsent(workspaceId,
        id -> new Account(id, organizationId, currency, null, null, null, null, null, null, false)));
  }

  @Override
  public Future<Optional<Account>> byId(UUID workspaceId) {
    return Future.succeededFuture(Optional.ofNullable(accounts.get(workspaceId)));
  }

  @Override
  public Future<Account> payByCard(UUID workspaceId, Account.Card card, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), Account.CARD, card, null,
        a.lowBalanceThreshold(), a.autoTopUp(), a.budget(), a.closed()));
  }

  @Override
  public Future<Account> payByInvoice(UUID workspaceId, UUID invoiceAccountId, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), Account.INVOICE, null,
        invoiceAccountId, a.lowBalanceThreshold(), a.autoTopUp(), a.budget(), a.closed()));
  }

  @Override
  public Future<Optional<Account>> lock(UUID workspaceId) {
    return byId(workspaceId);
  }

  @Override
  public Future<Account> changeSettings(UUID workspaceId, Long lowBalanceThreshold, Account.AutoTopUp autoTopUp,
                                        boolean autoTopUpSet, Account.Budget budget, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), a.paymentType(), a.card(),
        a.invoiceAccountId(), lowBalanceThreshold, autoTopUp, budget, a.closed()));
  }

  /** The accounts as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(accounts);
  }

  private Future<Account> change(UUID workspaceId, java.util.function.UnaryOperator<Account> change) {
    return Future.succeededFuture(accounts.computeIfPresent(workspaceId, (id, account) -> change.apply(account)));
  }
}
