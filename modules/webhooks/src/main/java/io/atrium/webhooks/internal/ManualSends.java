package io.atrium.webhooks.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Test events and redeliveries an admin asks for: at most {@code perMinute} per endpoint in a minute (a fixed window
 * kept on the endpoint's row, so every API process counts the same), else {@code rate_limited} with {@code retryAfter}.
 */
final class ManualSends {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final UnitOfWork<WebhookTables> storage;
  private final Clock clock;
  private final int perMinute;

  ManualSends(UnitOfWork<WebhookTables> storage, Clock clock, int perMinute) {
    this.storage = storage;
    this.clock = clock;
    this.perMinute = Math.max(1, perMinute);
  }

  /** Counts one more for the endpoint; fails with {@code rate_limited} past the limit. */
  Future<Void> count(UUID endpointId) {
    Instant now = Times.now(clock);
    return storage.read().endpoints().countManualSend(endpointId, now, now.minus(WINDOW)).compose(window -> {
      if (window == null || window.sends() <= perMinute) {
        return Future.succeededFuture();
      }
      Instant ends = window.start().plus(WINDOW);
      long retryAfter = Math.max(1, (Duration.between(now, ends).toMillis() + 999) / 1000);
      return Future.failedFuture(Rejection.of(Codes.RATE_LIMITED, "at most " + perMinute
          + " test events and redeliveries a minute per webhook; try again in " + retryAfter + " s").with("retryAfter", retryAfter).failure());
    });
  }
}
