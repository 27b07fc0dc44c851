package io.atrium.billing.internal;

import io.atrium.platform.Money;

/** API.md's bounds on money a client names, in micro-units. */
final class TopUpLimits {

  /** A top-up (manual or automatic) is 10.00 to 5000.00. */
  static final long MIN = 10 * Money.MICROS_PER_UNIT;
  static final long MAX = 5_000 * Money.MICROS_PER_UNIT;
  /** Thresholds and grants stay below a billion: far above any real balance, far below overflow. */
  static final long MAX_BALANCE = 1_000_000_000L * Money.MICROS_PER_UNIT;
  /** A budget or alert amount is at least a cent: below that it is a mistake, not a limit. */
  static final long MIN_SPEND_LIMIT = Money.MICROS_PER_UNIT / 100;

  private TopUpLimits() {}
}
