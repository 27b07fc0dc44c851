package io.atrium.worker.internal.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the database holds for a workspace when a batch starts: its ledgers row (locked) and the billing
 * settings of its account ({@code account} fields null when it has no account row).
 */
public record LedgerState(UUID workspaceId, String currency, long balance, long lastSeq, byte[] lastHash, String status,
    boolean lowBalanceNotified, UUID autoTopUpPending, Account account, SpendState spend) {

  public LedgerState(UUID workspaceId, String currency, long balance, long lastSeq, byte[] lastHash, String status,
                     boolean lowBalanceNotified, UUID autoTopUpPending, Account account) {
    this(workspaceId, currency, balance, lastSeq, lastHash, status, lowBalanceNotified, autoTopUpPending, account, new SpendState());
  }

  /**
   * accounts columns; thresholds and amounts in micro-units, null when unset. {@code invoiceAccountId} is set while the
   * workspace pays by invoice: the ledger stamps its debits with it. {@code organizationId} is who the billing events go to.
   */
  public record Account(String paymentType, String cardReference, Long lowBalanceThreshold, Long autoTopUpThreshold,
      Long autoTopUpAmount, UUID invoiceAccountId, UUID organizationId, Controls controls) {

    public static final Account NONE = new Account(null, null, null, null, null, null);

    public Account(String paymentType, String cardReference, Long lowBalanceThreshold, Long autoTopUpThreshold, Long autoTopUpAmount) {
      this(paymentType, cardReference, lowBalanceThreshold, autoTopUpThreshold, autoTopUpAmount, null);
    }

    public Account(String paymentType, String cardReference, Long lowBalanceThreshold, Long autoTopUpThreshold, Long autoTopUpAmount,
                   UUID invoiceAccountId) {
      this(paymentType, cardReference, lowBalanceThreshold, autoTopUpThreshold, autoTopUpAmount, invoiceAccountId, null, Controls.NONE);
    }

    boolean invoiced() {
      return "invoice".equals(paymentType);
    }
  }

  /**
   * The spend settings of billing-7 ({@code autoTopUpMode} null: off, unless a row from before it has a threshold and an
   * amount, see AutoTopUpRule), the alert thresholds, and the workspace's consumption and usage debits of the last 7 days
   * before the batch (the runway's rate).
   */
  public record Controls(String autoTopUpMode, Long autoTopUpTarget, Long autoTopUpMonthlyCap, Instant autoTopUpSetAt,
      Long budgetMonthly, String budgetAction, Integer runwayDays, List<Threshold> thresholds, long debitsLast7Days) {

    public static final Controls NONE = new Controls(null, null, null, null, null, null, null, List.of(), 0);
  }

  /** A billing.alert_thresholds row: {@code kind} is spend_month or balance_below. */
  public record Threshold(String kind, long amount) {}
}
