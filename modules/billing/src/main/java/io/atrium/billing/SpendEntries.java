package io.atrium.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * What counts as spend, ONE definition for GET billing ({@code spentThisMonth}, {@link Runway}'s debits) and the worker's
 * month spend, budget, spend alerts and runway: the ledger's {@code consumption} and {@code usage} entries (as invoices
 * bill them). An {@code adjustment} (a credit grant expiring) takes the balance down but is not spend.
 *
 * <p>An entry counts in the calendar month (UTC) of its {@code occurred_at}, even when it was written earlier (usage dated
 * into the next month counts in that month, not in the month it arrived in).
 */
public final class SpendEntries {

  public static final Set<String> TYPES = Set.of("consumption", "usage");
  /** The SQL condition on a {@code billing.entries} row (unqualified {@code type}). */
  public static final String SQL = "type IN ('consumption', 'usage')";

  private SpendEntries() {}

  public static boolean counts(String type) {
    return TYPES.contains(type);
  }

  /** The first instant of the UTC calendar month of {@code at}. */
  public static Instant monthStart(Instant at) {
    return at.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
  }

  /** The first instant of the month after that of {@code at}. */
  public static Instant nextMonthStart(Instant at) {
    return at.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1).toInstant();
  }
}
