package io.atrium.billing.internal;

import io.atrium.platform.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A workspace's alerts: its thresholds, sorted by kind and amount, and the runway warning in days (null: none). */
record AlertSettings(List<Threshold> thresholds, Integer runwayDays) {

  static final String SPEND_MONTH = "spend_month";
  static final String BALANCE_BELOW = "balance_below";

  /** {@link #SPEND_MONTH}: the month's debits reach {@code amount}; {@link #BALANCE_BELOW}: the balance falls below it. */
  record Threshold(String kind, long amount) {}

  /** As API.md shows it: {@code {thresholds:[{kind, amount}], runwayDays}}. */
  JsonObject toJson() {
    JsonArray list = new JsonArray();
    thresholds.forEach(t -> list.add(new JsonObject().put("kind", t.kind()).put("amount", Money.format(t.amount()))));
    return new JsonObject().put("thresholds", list).put("runwayDays", runwayDays);
  }
}
