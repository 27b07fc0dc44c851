package io.atrium.billing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The runway: whole days of credit left at the rate of the last 7 days' debits. ONE definition for the dashboard
 * ({@code GET …/billing} {@code runwayDays}) and the worker's {@code runway.low} alert, so both always agree.
 *
 * <p>The debits are the magnitudes of the negative ledger entries ({@code billing.entries.amount < 0}) whose
 * {@code occurred_at} is at or after {@link #windowStart(Instant)} of the injected clock's now. A workspace paid by
 * invoice has no runway (it is never stopped at zero): callers show null for it.
 */
public final class Runway {

  /** How far back the rate looks. */
  public static final Duration WINDOW = Duration.ofDays(7);

  private static final BigInteger WINDOW_DAYS = BigInteger.valueOf(WINDOW.toDays());

  private Runway() {}

  /** The first instant whose debits count at {@code now}. */
  public static Instant windowStart(Instant now) {
    return now.minus(WINDOW);
  }

  /**
   * Days left, rounded down (6.9 days is 6: a warning comes early, never late): {@code balance × 7 ÷ debits}, in
   * micro-units. Empty when nothing was debited in the window (no rate, no runway); 0 once the balance is not positive.
   *
   * @param balance the balance now, micro-units
   * @param debits the window's debits, micro-units, as a positive sum
   */
  public static OptionalLong days(long balance, long debits) {
    if (debits <= 0) {
      return OptionalLong.empty();
    }
    if (balance <= 0) {
      return OptionalLong.of(0);
    }
    BigInteger days = BigInteger.valueOf(balance).multiply(WINDOW_DAYS).divide(BigInteger.valueOf(debits));
    return OptionalLong.of(days.bitLength() < Long.SIZE ? days.longValue() : Long.MAX_VALUE);
  }
}
