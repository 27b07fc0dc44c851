package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingNotifications;
import io.atrium.platform.Money;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * Automatic top-up, made safe: how much one charge is (fixed, or what reaches the target), never more than the monthly cap
 * leaves, and off by itself after {@link #DECLINES_IN_A_ROW} declines under one setting. One charge per crossing: an approved
 * one disarms it ({@code SpendState.autoTopUpArmed}) until the balance is back at or above the threshold or the setting is saved
 * again; a declined one leaves it armed, to retry on the next debit. WorkspaceBook makes at most one charge in flight, and a next
 * one only after a debit that came after the last one ended.
 */
final class AutoTopUpRule {

  /** The API's bounds on a top-up, manual or automatic. */
  static final long MIN = 10 * Money.MICROS_PER_UNIT;
  static final long MAX = 5_000 * Money.MICROS_PER_UNIT;
  static final int DECLINES_IN_A_ROW = 3;
  private static final long CENT = Money.MICROS_PER_UNIT / 100;

  private AutoTopUpRule() {}

  /** What to charge now that the balance is {@code balance} after a debit; 0 for no charge. */
  static long amount(LedgerState.Account account, SpendState spend, long balance) {
    LedgerState.Controls c = account.controls();
    String mode = mode(account);
    if (mode == null || !"card".equals(account.paymentType()) || account.cardReference() == null || balance >= account.autoTopUpThreshold()
        || !spend.autoTopUpArmed || disabled(account, spend)) {
      return 0;
    }
    long amount;
    if (mode.equals("target")) {
      if (c.autoTopUpTarget() == null || c.autoTopUpTarget() <= balance) {
        return 0;
      }
      long missing = c.autoTopUpTarget() - balance;
      amount = Math.min(MAX, Math.max(MIN, -Math.floorDiv(-missing, CENT) * CENT));
    } else if (account.autoTopUpAmount() != null) {
      amount = account.autoTopUpAmount();
    } else {
      return 0;
    }
    if (c.autoTopUpMonthlyCap() != null) {
      amount = Math.min(amount, c.autoTopUpMonthlyCap() - spend.monthAutoTopUps);
    }
    return amount >= MIN ? amount : 0; // what the cap leaves is below a top-up: none this month
  }

  /**
   * The setting's mode: none without a threshold; a row with a threshold and an amount but no mode (written by an API from
   * before billing-7) is a fixed one.
   */
  static String mode(LedgerState.Account account) {
    if (account.autoTopUpThreshold() == null) {
      return null;
    }
    String mode = account.controls().autoTopUpMode();
    return mode != null ? mode : account.autoTopUpAmount() != null ? "fixed" : null;
  }

  /** Arms it again at or above the threshold, and under a setting saved since it was last armed. */
  static void rearm(LedgerState.Account account, SpendState spend, long balance) {
    Instant setAt = account.controls().autoTopUpSetAt();
    if (!Objects.equals(spend.armedSetAt, setAt)) {
      spend.armedSetAt = setAt;
      spend.autoTopUpArmed = true;
    } else if (account.autoTopUpThreshold() != null && balance >= account.autoTopUpThreshold()) {
      spend.autoTopUpArmed = true;
    }
  }

  /** Off after declines under the setting still in force: saving the setting again (a new set_at) turns it on. */
  static boolean disabled(LedgerState.Account account, SpendState spend) {
    return spend.autoTopUpDisabledAt != null && Objects.equals(spend.declinesSetAt, account.controls().autoTopUpSetAt());
  }

  /** An automatic top-up ended: counts toward the monthly cap, or as one more decline in a row. */
  static void ended(WorkspaceBook book, boolean approved, long amount, String reason) {
    SpendState spend = book.spend();
    if (approved) {
      spend.monthAutoTopUps = Math.addExact(spend.monthAutoTopUps, amount);
      spend.declines = 0;
      return;
    }
    LedgerState.Account account = book.account();
    if (!Objects.equals(spend.declinesSetAt, account.controls().autoTopUpSetAt())) {
      spend.declinesSetAt = account.controls().autoTopUpSetAt(); // a new setting counts from zero
      spend.declines = 0;
      spend.autoTopUpDisabledAt = null;
    }
    spend.declines++;
    if (spend.declines >= DECLINES_IN_A_ROW && spend.autoTopUpDisabledAt == null) {
      spend.autoTopUpDisabledAt = book.now();
      book.notify(BillingNotifications.AUTO_TOP_UP_DISABLED, new JsonObject().put("declines", spend.declines).put("failureReason", reason));
    }
  }
}
