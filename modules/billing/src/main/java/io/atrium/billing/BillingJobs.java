package io.atrium.billing;

import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The jobs the API sends the billing worker, through the outbox, on the partition queue of their
 * workspace ({@code OutboxMessage.billingJob}). Every job's message id is a UUID; every job names the
 * {@code source} its ledger entry carries: the ledger applies a source once per workspace, ever, so a
 * redelivered or repeated job changes nothing. Amounts are integer micro-units of the workspace currency;
 * timestamps RFC 3339 UTC strings. Every payload carries {@code workspaceId} and {@code currency}.
 * For the jobs without an amount ({@link #CARRY_DEBT}, {@link #AUTO_TOP_UP_ENDED}) {@code currency} is informational: the
 * ledger's currency is authoritative (a carried debt is recorded in it), and a mismatch is no reason to dead-letter the job.
 */
public final class BillingJobs {

  /**
   * {@code {topUpId, workspaceId, currency, amount, cardReference, kind:"manual"|"auto"}}: the worker charges
   * the card through the {@link PaymentProvider} (idempotency key = topUpId), then credits a paid lot and
   * writes a {@code top_up} entry (source {@code top-up:<topUpId>}) and marks the top-up succeeded, or marks
   * it failed with the provider's reason.
   */
  public static final String TOP_UP = "billing.top-up";

  /**
   * {@code {grantId, workspaceId, currency, amount, reason, expiresAt?}}: a grant lot and a {@code credit_grant}
   * entry (source {@code credit-grant:<grantId>}). Grants are spent before paid credits.
   */
  public static final String CREDIT_GRANT = "billing.credit-grant";

  /**
   * {@code {workspaceId, currency, resourceId, plan, hour, amount}}: one started hour of one resource, a
   * {@code consumption} debit (source {@code consumption:<resourceId>:<hour>}).
   */
  public static final String CONSUMPTION = "billing.consumption";

  /**
   * {@code {batchId, workspaceId, currency, occurredAt, byMeter:{meter: amount}}}: accepted usage events of
   * one ingest request, already deduplicated; one {@code usage} debit (source {@code usage:<batchId>}).
   */
  public static final String USAGE = "billing.usage";

  /**
   * {@code {runId, invoiceAccountId, period:"YYYY-MM"}}, on the partition of the invoice ACCOUNT (not a workspace;
   * no ledger entry of its own): the worker writes the account's invoice for the period unless it exists, and in
   * the same transaction one {@link #INVOICE} job per workspace on it. A repeat makes nothing new.
   */
  public static final String INVOICE_RUN = "billing.invoice-run";

  /**
   * {@code {invoiceId, number, period, workspaceId, currency, amount}}: the workspace's share of an issued invoice,
   * an {@code invoice} credit (source {@code invoice:<invoiceId>}) that settles the debits it bills.
   */
  public static final String INVOICE = "billing.invoice";

  /**
   * {@code {workspaceId, currency}}, written with every change of a workspace's billing settings or alerts: the worker
   * looks at the workspace again under the new settings (a raised budget resumes it, a new auto top-up threshold
   * above the balance charges once). No ledger entry of its own.
   */
  public static final String REEVALUATE = "reevaluate";

  /**
   * {@code {workspaceId, currency, invoiceAccountId, switchedAt}}, written with a workspace's switch from card (or no method)
   * to an invoice account: the worker records the debt the workspace brings along (its negative balance, less what invoices
   * bill or billed and is not settled yet) in {@code billing.carried_debts} under the job's id, at {@code switchedAt}; that
   * account's next invoice bills it as its own line. No ledger entry of its own; a repeat carries nothing more.
   */
  public static final String CARRY_DEBT = "billing.carry-debt";

  /**
   * {@code {workspaceId, currency, topUpId}}, from the reconcilers: the ledger's automatic top-up "in flight" flag names
   * {@code topUpId}, which ended (or never existed). The worker clears the flag if it still names that top-up and the top-up
   * is not pending; otherwise (a repeat, a new auto top-up since) nothing changes.
   */
  public static final String AUTO_TOP_UP_ENDED = "billing.auto-top-up-ended";

  private BillingJobs() {}

  /** The {@link #REEVALUATE} job of a workspace, for the caller's outbox (the worker's sweep writes it too). */
  public static OutboxMessage reevaluate(UUID workspaceId, String currency, int partitions) {
    JsonObject payload = new JsonObject().put("workspaceId", workspaceId.toString()).put("currency", currency);
    return OutboxMessage.billingJob(workspaceId, REEVALUATE, payload, partitions);
  }
}
