package io.atrium.billing;

/**
 * Event-bus addresses the billing context serves. Conventions as in {@code WorkspaceAddresses}: every request
 * carries {@code userId} (the caller) and {@code requestId}; operator requests also {@code email}. Money is a
 * decimal string (up to 6 fraction digits) in requests and answers; timestamps RFC 3339 UTC.
 *
 * <p>Access comes from the workspace context ({@code WorkspaceDirectory}): a workspace the caller cannot see is
 * {@code not_found}; too low a level {@code insufficient_access}. Reads need viewer, usage reports member,
 * payment method / settings / alerts / top-ups admin, the invoice payment method organization admin. Operator
 * addresses need the caller's {@code email} in config {@code operators} (case-insensitive), else
 * {@code forbidden}. Where {@code idempotencyKey} (1..255 chars) is taken, a repeat with the same key and
 * request answers the first answer and does nothing; another request under the same key is
 * {@code idempotency_key_reused}.
 *
 * <p>Also serves the workspace context's seams {@code WorkspaceAddresses.RESOURCE_ADMISSION} and
 * {@code WorkspaceAddresses.CLOSE_BILLING} / {@code REOPEN_BILLING}.
 */
public final class BillingAddresses {

  /**
   * {@code {userId, workspaceId}} → {@code {currency, balance, status, paymentMethod, lowBalanceThreshold, autoTopUp, budget,
   * runwayDays}}; paymentMethod null, {@code {type:"card", brand, last4, expMonth, expYear}} or {@code {type:"invoice",
   * invoiceAccountId}}; autoTopUp null or {@code {mode, threshold, amount | target, monthlyCap}}; budget null or
   * {@code {monthly, action, spentThisMonth}}; runwayDays ({@link Runway}) null without debits in the window or when invoiced.
   */
  public static final String GET_ACCOUNT = "billing.get-account";

  /** {@code {userId, workspaceId, type:"card", cardToken}} (admin) or {@code {..., type:"invoice", invoiceAccountId}} (org admin) → account. */
  public static final String SET_PAYMENT_METHOD = "billing.set-payment-method";

  /**
   * {@code {userId, workspaceId, lowBalanceThreshold?, autoTopUp?: null | {mode?, threshold, amount | target, monthlyCap?},
   * budget?: null | {monthly, action}}} → account; absent keys stay, null turns off; admin. A mode-less autoTopUp is fixed.
   * An auto top-up needs a card ({@code payment_method_required}; invoiced: {@code conflict}).
   */
  public static final String CHANGE_SETTINGS = "billing.change-settings";

  /** {@code {userId, workspaceId}} → {@code {thresholds:[{kind, amount}], runwayDays}}; admin (who manages billing). */
  public static final String GET_ALERTS = "billing.get-alerts";

  /**
   * {@code {userId, workspaceId, thresholds:[{kind:"spend_month"|"balance_below", amount}], runwayDays?}} → the stored alerts;
   * replaces them all (no runwayDays: no runway warning); at most 10 thresholds, none twice; runwayDays 1..365; admin.
   */
  public static final String REPLACE_ALERTS = "billing.replace-alerts";

  /**
   * {@code {userId, workspaceId, amount, idempotencyKey?}} → {@code {id, amount, status:"pending", createdAt}}; admin;
   * 10.00..5000.00; {@code payment_method_required} without a card, {@code conflict} for invoiced workspaces.
   */
  public static final String REQUEST_TOP_UP = "billing.request-top-up";

  /** {@code {userId, workspaceId, topUpId}} → {@code {id, amount, status, failureReason?, createdAt, completedAt}}; viewer. */
  public static final String GET_TOP_UP = "billing.get-top-up";

  /** {@code {userId, workspaceId, type?, from?, to?, limit?, cursor?}} → page of entries, newest first; viewer. */
  public static final String READ_LOG = "billing.read-log";

  /** {@code {userId, workspaceId, from?, to?, granularity?}} → {@code {currency, total, buckets:[{start, amount, byMeter}]}}; viewer. */
  public static final String READ_USAGE = "billing.read-usage";

  /** {@code {userId, workspaceId, events:[{id, meter, quantity, occurredAt}], idempotencyKey?}} → {@code {accepted, duplicates}}; member. */
  public static final String REPORT_USAGE = "billing.report-usage";

  /** {@code {userId, email, organizationId, name, billingEmail, address, vatId?, vatRate?}} → invoice account; operator. */
  public static final String CREATE_INVOICE_ACCOUNT = "billing.create-invoice-account";

  /** {@code {userId, organizationId, limit?, cursor?}} → page of invoice accounts; organization admin. */
  public static final String LIST_INVOICE_ACCOUNTS = "billing.list-invoice-accounts";

  /** {@code {userId, email, workspaceId, amount, reason, expiresAt?, idempotencyKey?}} → {@code {id, amount, reason, expiresAt, status:"pending"}}; operator. */
  public static final String GRANT_CREDITS = "billing.grant-credits";

  /** {@code {userId, email, hour}} → {@code {hour, jobs}}; operator; an hour that has not started is {@code validation_failed} on hour. */
  public static final String RUN_CONSUMPTION = "billing.run-consumption";

  /**
   * {@code {userId, email, period:"YYYY-MM", idempotencyKey?}} → {@code {id, period, status:"queued", jobs}}; operator; a
   * period that has not ended is {@code validation_failed} on period. One {@code BillingJobs.INVOICE_RUN} per
   * invoice account that had a workspace on it in the period.
   */
  public static final String RUN_INVOICES = "billing.run-invoices";

  /**
   * {@code {userId, invoiceId}} → invoice {@code {id, number, invoiceAccountId, period, status, currency, subtotal, vatRate, vat,
   * total, issuedAt, buyer, lines}}. An admin of the account's organization sees all of it; an admin of a workspace on it
   * only that workspace's lines, with subtotal, VAT and total of those lines; anyone else {@code not_found}.
   */
  public static final String GET_INVOICE = "billing.get-invoice";

  /** As {@link #GET_INVOICE}, rendered: → {@code {number, pdf}} (pdf: the PDF's bytes, base64). */
  public static final String GET_INVOICE_PDF = "billing.get-invoice-pdf";

  /** {@code {userId, workspaceId, limit?, cursor?}} → page of invoices with lines of that workspace (as its admin sees them); admin. */
  public static final String LIST_WORKSPACE_INVOICES = "billing.list-workspace-invoices";

  private BillingAddresses() {}
}
