package io.atrium.billing.internal;

import java.util.UUID;

/**
 * A workspace's billing account: its currency, payment method and settings (the balance is the ledger's). {@code closed}: its
 * workspace was deleted ({@link AccountClosing}); it takes no more credits.
 */
record Account(UUID workspaceId, UUID organizationId, String currency, String paymentType, Card card, UUID invoiceAccountId,
               Long lowBalanceThreshold, AutoTopUp autoTopUp, boolean closed) {

  static final String CARD = "card";
  static final String INVOICE = "invoice";

  record Card(String reference, String brand, String last4, int expMonth, int expYear) {}

  record AutoTopUp(long threshold, long amount) {}

  boolean paysByCard() {
    return CARD.equals(paymentType);
  }

  boolean paysByInvoice() {
    return INVOICE.equals(paymentType);
  }
}
