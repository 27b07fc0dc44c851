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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Slows password guessing after OWASP's authentication guidance, without locking out bystanders. Failures count
 * per account from one client address ({@code login.maxFailuresPerEmail}), per account over all addresses
 * ({@code login.maxFailuresPerAccount}, against guessing spread over many addresses) and per client address
 * ({@code login.maxFailuresPerClient}). An address over its own limit is slowed only on the accounts it has
 * failed on, so a NAT or proxy full of people, one of them guessing, still lets everyone else sign in. While a
 * limit holds, every attempt it covers is refused before the password is looked at, even a right one.
 */
final class LoginLimits {

  private final LoginFailures failures;
  private final Clock clock;
  private final Duration window;
  private final int maxPerAccountAndClient;
  private final int maxPerAccount;
  private final int maxPerClient;

  LoginLimits(LoginFailures failures, AtriumConfig config, Clock clock) {
    this.failures = failures;
    this.clock = clock;
    this.window = Duration.ofMinutes(config.integer("login.windowMinutes"));
    this.maxPerAccountAndClient = config.integer("login.maxFailuresPerEmail");
    this.maxPerAccount = config.integer("login.maxFailuresPerAccount");
    this.maxPerClient = config.integer("login.maxFailuresPerClient");
  }

  /** The counter keys of one attempt, account first; without a client address only the account counts. */
  static List<String> keys(String email, String clientAddress) {
    String account = User.normalize(email);
    List<String> keys = new ArrayList<>(List.of("account:" + account));
    if (clientAddress != null && !clientAddress.isBlank()) {
      keys.add("pair:" + clientAddress.trim() + "|" + account);
      keys.add("client:" + clientAddress.trim());
    }
    return keys;
  }

  /** Fails with {@code rate_limited} and {@code retryAfter} seconds when a limit covers this attempt. */
  Future<Void> check(List<String> keys) {
    Instant now = Times.now(clock);
    return failures.open(keys, now.minus(window)).compose(open -> {
      Map<String, LoginFailures.Window> byKey = open.stream().collect(Collectors.toMap(w -> w.key().split(":", 2)[0], Function.identity()));
      LoginFailures.Window pair = byKey.get("pair");
      long retryAfter = open.stream()
          .filter(w -> switch (w.key().split(":", 2)[0]) {
            case "account" -> w.failures() >= (keys.size() == 1 ? maxPerAccountAndClient : maxPerAccount);
            case "pair" -> w.failures() >= maxPerAccountAndClient;
            // The address's own limit covers only the accounts it has failed on.
            case "client" -> w.failures() >= maxPerClient && pair != null;
            default -> false;
          })
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

  /** A right password ends the account's and this address's count on it; the address's own count stays. */
  Future<Void> clear(List<String> keys) {
    return failures.clear(keys.stream().filter(key -> !key.startsWith("client:")).toList());
  }

  private static long secondsUntil(Instant now, Instant end) {
    long millis = Duration.between(now, end).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
