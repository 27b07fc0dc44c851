package io.atrium.worker.internal.ledger;

import java.util.UUID;

/**
 * What the database holds for a workspace when a batch starts: its ledgers row (locked) and the billing
 * settings of its account ({@code account} fields null when it has no account row).
 */
public record LedgerState(UUID workspaceId, String currency, long balance, long lastSeq, byte[] lastHash, String status,
    boolean lowBalanceNotified, UUID autoTopUpPending, Account account) {

  /**
   * accounts columns; thresholds and amounts in micro-units, null when unset. {@code invoiceAccountId} is set while the
   * workspace pays by invoice: the ledger stamps its debits with it.
   */
  public record Account(String paymentType, String cardReference, Long lowBalanceThreshold, Long autoTopUpThreshold,
      Long autoTopUpAmount, UUID invoiceAccountId) {

    public static final Account NONE = new Account(null, null, null, null, null, null);

    public Account(String paymentType, String cardReference, Long lowBalanceThreshold, Long autoTopUpThreshold, Long autoTopUpAmount) {
      this(paymentType, cardReference, lowBalanceThreshold, autoTopUpThreshold, autoTopUpAmount, null);
    }

    boolean invoiced() {
      return "invoice".equals(paymentType);
    }
  }
}
