package io.atrium.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of {@code ./atrium dev --demo}: the real time, set back while the demo is seeded so that its 30 days
 * of history go through the API and the ledger as they would have happened, then the real time again.
 */
final class DemoClock extends Clock {

  private volatile Duration behind = Duration.ZERO;

  /** From now on the clock reads {@code at} plus the time that passes; it never runs ahead of the real time. */
  void travelTo(Instant at) {
    Duration gap = Duration.between(at, Instant.now());
    behind = gap.isNegative() ? Duration.ZERO : gap;
  }

  void backToNow() {
    behind = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().minus(behind);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo clock is UTC");
  }
}
