package io.atrium.webhooks.internal;

import io.atrium.platform.AtriumConfig;

import java.time.Duration;
import java.util.List;

/** The {@code webhooks.*} configuration (README lists each key). */
public record DeliverySettings(List<Duration> retryDelays, int timeoutMillis, int maxInFlightPerEndpoint, int maxInHand,
                               int sweepMillis, Duration lease, Duration disableAfter, int prefetch) {

  public static DeliverySettings from(AtriumConfig config) {
    List<Duration> delays = config.list("webhooks.retryDelays").stream().map(Duration::parse).toList();
    int timeout = config.integer("webhooks.timeoutMillis");
    Duration lease = Duration.ofSeconds(config.integer("webhooks.leaseSeconds"));
    if (lease.toMillis() <= 2L * timeout) {
      // A lease shorter than an attempt would let another process's sweep send the same delivery beside it.
      throw new IllegalStateException("webhooks.leaseSeconds must be more than twice webhooks.timeoutMillis");
    }
    return new DeliverySettings(delays, timeout, Math.max(1, config.integer("webhooks.maxInFlightPerEndpoint")),
        Math.max(1, config.integer("webhooks.maxInHand")), Math.max(10, config.integer("webhooks.sweepMillis")), lease,
        Duration.ofHours(config.integer("webhooks.disableAfterHours")), Math.max(1, config.integer("webhooks.prefetch")));
  }
}
