package io.atrium.billing.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A usage quantity: a non-negative decimal string or JSON number with at most 6 fraction digits, below one
 * billion units per event, so a request of 1,000 events can never overflow a long of micro-units.
 */
final class UsageQuantity {

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,6})?");
  private static final BigDecimal MAX = new BigDecimal("1e9");

  private UsageQuantity() {}

  /** The quantity, or null when the value is not one. */
  static BigDecimal parse(Object value) {
    if (value instanceof String s) {
      return DECIMAL.matcher(s).matches() ? new BigDecimal(s) : null;
    }
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      return n >= 0 && n < 1_000_000_000L ? BigDecimal.valueOf(n) : null;
    }
    if (value instanceof Number n) {
      try {
        BigDecimal decimal = new BigDecimal(n.toString()).stripTrailingZeros();
        return decimal.signum() >= 0 && decimal.scale() <= 6 && decimal.compareTo(MAX) < 0 ? decimal : null;
      } catch (NumberFormatException e) {
        return null; // NaN and infinities
      }
    }
    return null;
  }
}
