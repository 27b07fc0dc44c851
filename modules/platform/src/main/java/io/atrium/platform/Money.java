package io.atrium.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Money is a {@code long} of micro-units (10^-6 of the currency) in code and database, and a decimal
 * string with at most six fraction digits at the API. Never a float.
 */
public final class Money {

  public static final long MICROS_PER_UNIT = 1_000_000L;
  private static final int MICRO_SCALE = 6;
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,6})?"); // < 10^18 micro-units: fits a long

  private Money() {}

  /** The micro-units of a decimal string such as {@code "12.50"}; IllegalArgumentException for anything else. */
  public static long parse(String decimal) {
    if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
      throw new IllegalArgumentException("must be a decimal string with at most 6 fraction digits, like \"12.50\"");
    }
    return new BigDecimal(decimal).setScale(MICRO_SCALE).unscaledValue().longValueExact();
  }

  /** {@code "12.50"}, {@code "0.006849"}, {@code "-3.00"}: at least two fraction digits, at most six. */
  public static String format(long micros) {
    return format(micros, 2);
  }

  /** As {@link #format(long)} with at least {@code minFractionDigits} (prices use 4: {@code "0.0070"}). */
  public static String format(long micros, int minFractionDigits) {
    BigDecimal value = BigDecimal.valueOf(micros, MICRO_SCALE).stripTrailingZeros();
    return value.setScale(Math.max(minFractionDigits, Math.max(0, value.scale()))).toPlainString();
  }

  /**
   * {@code quantity × unitPrice}, rounded up to a whole micro-unit: one rule for every metered charge. Up, so
   * that splitting usage into tiny events can never make it free; the difference is under a micro-unit an event.
   */
  public static long times(BigDecimal quantity, long unitPriceMicros) {
    return quantity.multiply(BigDecimal.valueOf(unitPriceMicros)).setScale(0, RoundingMode.CEILING).longValueExact();
  }
}
