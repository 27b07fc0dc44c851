package io.atrium.identity.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * At most {@code max} events per key within a window (mails sent, two-factor codes tried), counted in the
 * same store as failed sign-ins under keys of their own ({@code mfa:<userId>}, {@code reset-email:<email>}, ...).
 */
final class Throttle {

  private final LoginFailures counts;
  private final Clock clock;
  private final Duration window;
  private final int max;
  private final String detail;

  Throttle(LoginFailures counts, Clock clock, Duration window, int max, String detail) {
    this.counts = counts;
    this.clock = clock;
    this.window = window;
    this.max = max;
    this.detail = detail;
  }

  /** Fails with {@code rate_limited} and {@code retryAfter} seconds when any key has reached the limit. */
  Future<Void> check(List<String> keys) {
    Instant now = Times.now(clock);
    return counts.open(keys, now.minus(window)).compose(open -> {
      long retryAfter = open.stream().filter(w -> w.failures() >= max)
          .mapToLong(w -> Math.max(1, (Duration.between(now, w.start().plus(window)).toMillis() + 999) / 1000))
          .max().orElse(0);
      return retryAfter == 0 ? Future.succeededFuture()
          : Future.failedFuture(Rejection.of(Codes.RATE_LIMITED, detail).with("retryAfter", retryAfter).failure());
    });
  }

  Future<Void> record(List<String> keys) {
    Instant now = Times.now(clock);
    return counts.record(keys, now, now.minus(window));
  }

  /** Checks, then counts this event: for events that count whether or not they succeed (mails). */
  Future<Void> take(List<String> keys) {
    return check(keys).compose(allowed -> record(keys));
  }

  Future<Void> clear(String key) {
    return counts.clear(List.of(key));
  }
}
