package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Accounts} in a map, for rule tests. */
final class InMemoryAccounts implements Accounts {

  private final Map<UUID, Account> accounts = new HashMap<>();

  @Override
  public Future<Account> open(SqlClient db, UUID workspaceId, UUID organizationId, String currency, Instant at) {
    return Future.succeededFuture(accounts.computeIfAbsent(workspaceId,
        id -> new Account(id, organizationId, currency, null, null, null, null, null, null, false)));
  }

  @Override
  public Future<Optional<Account>> byId(SqlClient db, UUID workspaceId) {
    return Future.succeededFuture(Optional.ofNullable(accounts.get(workspaceId)));
  }

  @Override
  public Future<Account> payByCard(SqlClient db, UUID workspaceId, Account.Card card, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), Account.CARD, card, null,
        a.lowBalanceThreshold(), a.autoTopUp(), a.budget(), a.closed()));
  }

  @Override
  public Future<Account> payByInvoice(SqlClient db, UUID workspaceId, UUID invoiceAccountId, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), Account.INVOICE, null,
        invoiceAccountId, a.lowBalanceThreshold(), a.autoTopUp(), a.budget(), a.closed()));
  }

  @Override
  public Future<Optional<Account>> lock(SqlClient tx, UUID workspaceId) {
    return byId(tx, workspaceId);
  }

  @Override
  public Future<Account> changeSettings(SqlClient db, UUID workspaceId, Long lowBalanceThreshold, Account.AutoTopUp autoTopUp,
                                        boolean autoTopUpSet, Account.Budget budget, Instant at) {
    return change(workspaceId, a -> new Account(a.workspaceId(), a.organizationId(), a.currency(), a.paymentType(), a.card(),
        a.invoiceAccountId(), lowBalanceThreshold, autoTopUp, budget, a.closed()));
  }

  private Future<Account> change(UUID workspaceId, java.util.function.UnaryOperator<Account> change) {
    return Future.succeededFuture(accounts.computeIfPresent(workspaceId, (id, account) -> change.apply(account)));
  }
}
