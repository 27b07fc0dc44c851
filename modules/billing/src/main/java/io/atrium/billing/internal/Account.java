package io.atrium.billing.internal;

import java.util.UUID;

/**
 * A workspace's billing account: its currency, payment method and settings (the balance is the ledger's). {@code closed}: its
 * workspace was deleted ({@link CloseAccount}); it takes no more credits.
 */
record Account(UUID workspaceId, UUID organizationId, String currency, String paymentType, Card card, UUID invoiceAccountId,
               Long lowBalanceThreshold, AutoTopUp autoTopUp, Budget budget, boolean closed) {

  static final String CARD = "card";
  static final String INVOICE = "invoice";

  record Card(String reference, String brand, String last4, int expMonth, int expYear) {}

  /**
   * Below {@code threshold}, one charge: {@code amount} ({@link #FIXED}) or what takes the balance to {@code target}
   * ({@link #TARGET}); the other of the two is null. {@code monthlyCap}: at most this much charged a month, null for no cap.
   */
  record AutoTopUp(String mode, long threshold, Long amount, Long target, Long monthlyCap) {
    static final String FIXED = "fixed";
    static final String TARGET = "target";
  }

  /** {@code action} once the month's debits reach {@code monthly}: {@link #NOTIFY} or {@link #SUSPEND}. */
  record Budget(long monthly, String action) {
    static final String NOTIFY = "notify";
    static final String SUSPEND = "suspend";
  }

  boolean paysByCard() {
    return CARD.equals(paymentType);
  }

  boolean paysByInvoice() {
    return INVOICE.equals(paymentType);
  }
}
