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

  /**
   * {@code {workspaceId, ledgerSeq, balance, monthSpend, runwayDays, alerts:[{kind, amount, action?}]}}: spend controls fired
   * in one ledger batch, all of them listed; the API mails the workspace's owners and admins one message. {@code kind} is
   * {@code balance_below} or {@code spend_month} (an alert threshold, {@code amount} its amount), {@code runway_days}
   * ({@code amount} the configured days) or {@code budget} ({@code amount} the monthly budget, also {@code action}). Money as
   * decimal strings; {@code monthSpend} is the debits of the calendar month (UTC) so far; {@code runwayDays} the days left,
   * null when there was no spend in the last 7 days. (Before one notification listed them, each alert was its own, with its
   * {@code kind} and {@code amount} beside the figures: such a message still in the queue is read as a list of one.)
   */
  public static final String SPEND_ALERT = "billing.spend-alert";

  /**
   * {@code {workspaceId, ledgerSeq, declines, failureReason}}: automatic top-up turned itself off after {@code declines} (3)
   * declined charges in a row; the API mails the owners and admins. It stays off until the setting is saved again.
   */
  public static final String AUTO_TOP_UP_DISABLED = "billing.auto-top-up-disabled";

  private BillingNotifications() {}
}
