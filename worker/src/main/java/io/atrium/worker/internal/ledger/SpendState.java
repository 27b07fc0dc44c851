package io.atrium.worker.internal.ledger;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The ledgers columns of billing-8: what the spend controls remember between batches. Mutable while a batch is planned. */
public final class SpendState {

  String month;
  long monthSpend;
  long monthAutoTopUps;
  boolean budgetNotified;
  JsonObject alertsFired = new JsonObject();
  boolean runwayNotified;
  int declines;
  Instant declinesSetAt;
  Instant autoTopUpDisabledAt;
  boolean autoTopUpArmed = true;
  Instant armedSetAt;
  Long budgetNotifiedAmount;
  /** Read, not kept: the spend the entries hold dated in the batch's month, where the counters are behind it (LedgerReads). */
  long spentInMonth;

  public SpendState() {}

  SpendState copy() {
    SpendState c = new SpendState();
    c.month = month;
    c.monthSpend = monthSpend;
    c.monthAutoTopUps = monthAutoTopUps;
    c.budgetNotified = budgetNotified;
    c.alertsFired = alertsFired.copy();
    c.runwayNotified = runwayNotified;
    c.declines = declines;
    c.declinesSetAt = declinesSetAt;
    c.autoTopUpDisabledAt = autoTopUpDisabledAt;
    c.autoTopUpArmed = autoTopUpArmed;
    c.armedSetAt = armedSetAt;
    c.budgetNotifiedAmount = budgetNotifiedAmount;
    return c;
  }

  /** True when the counters are of an earlier month than {@code current} ('YYYY-MM'), or of none yet. */
  boolean behind(String current) {
    return month == null || current.compareTo(month) > 0;
  }

  /**
   * A later month starts the month's counters again (auto top-ups, budget and spend alerts), its spend being
   * {@code spentInMonth}: what the ledger already holds dated in that month (SpendEntries). Never backwards: a worker whose
   * clock is behind another's must not free a month's cap again.
   */
  void rollTo(String current, long spentInMonth) {
    if (behind(current)) {
      month = current;
      monthSpend = spentInMonth;
      monthAutoTopUps = 0;
      budgetNotified = false;
      budgetNotifiedAmount = null;
    }
  }

  public long monthSpend() {
    return monthSpend;
  }
}
