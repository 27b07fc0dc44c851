package io.atrium.billing;

/**
 * What the worker tells the API processes after a batch commits: outbox messages on the {@code events}
 * exchange with these routing keys (and types), consumed from the {@code billing.notifications} queue by
 * the API's billing context. Payloads carry {@code workspaceId}, except {@link #INVOICE_ISSUED}.
 */
public final class BillingNotifications {

  /** {@code {workspaceId}}: a prepaid balance reached zero or below; its resources must be suspended. */
  public static final String SUSPENDED = "billing.workspace-suspended";

  /** {@code {workspaceId}}: a suspended workspace's balance is above zero again; its resources resume. */
  public static final String RESUMED = "billing.workspace-resumed";

  /** {@code {workspaceId, balance, threshold}}: the balance fell below the low-balance threshold (once per crossing). */
  public static final String LOW_BALANCE = "billing.low-balance";

  /**
   * {@code {invoiceId, number, period, currency, total, billingEmail}} (no workspaceId): an invoice was issued; the
   * API mails the account's billing email.
   */
  public static final String INVOICE_ISSUED = "billing.invoice-issued";

  private BillingNotifications() {}
}
