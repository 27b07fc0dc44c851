package io.atrium.workspace.internal;

import java.math.BigDecimal;

/**
 * Money as integer micro-units (10^-6) in code and database, a decimal string at the edge. Prices are
 * written with at least the four fraction digits of the price catalogue ({@code "0.0070"}), at most six.
 */
final class Money {

  private static final int MIN_SCALE = 4;
  private static final int MICRO_SCALE = 6;

  private Money() {}

  /** The micro-units of a decimal string; an ArithmeticException when it has more than six fraction digits. */
  static long micros(String decimal) {
    return new BigDecimal(decimal).setScale(MICRO_SCALE).unscaledValue().longValueExact();
  }

  static String text(long micros) {
    BigDecimal value = BigDecimal.valueOf(micros, MICRO_SCALE).stripTrailingZeros();
    return value.setScale(Math.max(MIN_SCALE, value.scale())).toPlainString();
  }
}
