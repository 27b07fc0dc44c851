package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: the workspaces' billing accounts. */
interface Accounts {

  /**
   * Opens the account unless it exists (the event and the lazy path may race); the account as stored, or
   * null when a concurrent opening committed after this statement began.
   */
  Future<Account> open(UUID workspaceId, UUID organizationId, String currency, Instant at);

  Future<Optional<Account>> byId(UUID workspaceId);

  /** Also records the method's period (billing.payment_method_periods): call in a transaction. */
  Future<Account> payByCard(UUID workspaceId, Account.Card card, Instant at);

  /** Also records the method's period (billing.payment_method_periods): call in a transaction. */
  Future<Account> payByInvoice(UUID workspaceId, UUID invoiceAccountId, Instant at);

  /** The account, its row locked until the transaction ends (settings changes of one workspace take turns). */
  Future<Optional<Account>> lock(UUID workspaceId);

  /**
   * Stores the settings as given (null clears); {@code autoTopUpSet}: autoTopUp was sent, so its {@code auto_top_up_set_at}
   * becomes {@code at} (a disable after declines holds only for the setting it happened under).
   */
  Future<Account> changeSettings(UUID workspaceId, Long lowBalanceThreshold, Account.AutoTopUp autoTopUp,
                                 boolean autoTopUpSet, Account.Budget budget, Instant at);
}
