package io.atrium.billing;

import java.util.OptionalDouble;

/**
 * The runway: days of credit left at the last 7 days' rate of debits. One definition for the worker's
 * {@code runway.low} alert, GET billing and the dashboard. The debits are the workspace's {@code billing.usage_hours}
 * (consumption and usage) with {@code hour >= now - WINDOW_DAYS days}.
 */
public final class Runway {

  /** The window the rate is taken over. */
  public static final int WINDOW_DAYS = 7;

  private Runway() {}

  /**
   * {@code balance / (debitsLast7Days / 7)} in days, 0 when the balance is at or below zero; empty when nothing was spent
   * in the last 7 days (no rate, no runway). Both in micro-units; debits as a positive sum.
   */
  public static OptionalDouble days(long balanceMicros, long debitsLast7DaysMicros) {
    if (debitsLast7DaysMicros <= 0) {
      return OptionalDouble.empty();
    }
    if (balanceMicros <= 0) {
      return OptionalDouble.of(0);
    }
    return OptionalDouble.of((double) balanceMicros * WINDOW_DAYS / debitsLast7DaysMicros);
  }
}
