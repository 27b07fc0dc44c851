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
    return c;
  }

  /** A new month starts the month's counters again (spend, auto top-ups, budget and spend alerts). */
  void rollTo(String current) {
    if (!current.equals(month)) {
      month = current;
      monthSpend = 0;
      monthAutoTopUps = 0;
      budgetNotified = false;
    }
  }

  public long monthSpend() {
    return monthSpend;
  }
}
