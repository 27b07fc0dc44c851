package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows down password guessing: once an email or a client address has failed too often within the window,
 * every further attempt is refused until the window ends, even one with the right password.
 */
final class LoginLimits {

  private final LoginFailures failures;
  private final Clock clock;
  private final Duration window;
  private final int maxPerEmail;
  private final int maxPerClient;

  LoginLimits(LoginFailures failures, AtriumConfig config, Clock clock) {
    this.failures = failures;
    this.clock = clock;
    this.window = Duration.ofMinutes(config.integer("login.windowMinutes"));
    this.maxPerEmail = config.integer("login.maxFailuresPerEmail");
    this.maxPerClient = config.integer("login.maxFailuresPerClient");
  }

  /** The counter keys of one attempt; the client address is optional. */
  static List<String> keys(String email, String clientAddress) {
    List<String> keys = new ArrayList<>(List.of(emailKey(email)));
    if (clientAddress != null && !clientAddress.isBlank()) {
      keys.add("client:" + clientAddress.trim());
    }
    return keys;
  }

  static String emailKey(String email) {
    return "email:" + User.normalize(email);
  }

  /** Fails with {@code rate_limited} and {@code retryAfter} seconds when any key is over its limit. */
  Future<Void> check(List<String> keys) {
    Instant now = Times.now(clock);
    return failures.open(keys, now.minus(window)).compose(open -> {
      long retryAfter = open.stream()
          .filter(w -> w.failures() >= (w.key().startsWith("email:") ? maxPerEmail : maxPerClient))
          .mapToLong(w -> secondsUntil(now, w.start().plus(window)))
          .max().orElse(0);
      return retryAfter == 0 ? Future.succeededFuture()
          : Future.failedFuture(Rejection.of(Codes.RATE_LIMITED, "Too many failed sign-ins; try again later")
              .with("retryAfter", retryAfter).failure());
    });
  }

  Future<Void> recordFailure(List<String> keys) {
    Instant now = Times.now(clock);
    return failures.record(keys, now, now.minus(window));
  }

  Future<Void> clear(String email) {
    return failures.clear(emailKey(email));
  }

  private static long secondsUntil(Instant now, Instant end) {
    long millis = Duration.between(now, end).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
