package io.atrium.webhooks.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

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
  // SET reads the row as it was: a window older than a minute starts anew at one.
  private static final String COUNT = "UPDATE webhooks.endpoints SET"
      + " manual_sends = CASE WHEN manual_window_start IS NULL OR manual_window_start <= $3 THEN 1 ELSE manual_sends + 1 END,"
      + " manual_window_start = CASE WHEN manual_window_start IS NULL OR manual_window_start <= $3 THEN $2 ELSE manual_window_start END"
      + " WHERE id = $1 RETURNING manual_window_start, manual_sends";

  private final Pool pool;
  private final Clock clock;
  private final int perMinute;

  ManualSends(Pool pool, Clock clock, int perMinute) {
    this.pool = pool;
    this.clock = clock;
    this.perMinute = Math.max(1, perMinute);
  }

  /** Counts one more for the endpoint; fails with {@code rate_limited} past the limit. */
  Future<Void> count(UUID endpointId) {
    Instant now = Times.now(clock);
    return pool.preparedQuery(COUNT).execute(Tuple.of(endpointId, Times.toDb(now), Times.toDb(now.minus(WINDOW)))).compose(rows -> {
      if (rows.size() == 0 || rows.iterator().next().getInteger("manual_sends") <= perMinute) {
        return Future.succeededFuture();
      }
      Instant ends = Times.fromDb(rows.iterator().next(), "manual_window_start").plus(WINDOW);
      long retryAfter = Math.max(1, (Duration.between(now, ends).toMillis() + 999) / 1000);
      return Future.failedFuture(Rejection.of(Codes.RATE_LIMITED, "at most " + perMinute
          + " test events and redeliveries a minute per webhook; try again in " + retryAfter + " s").with("retryAfter", retryAfter).failure());
    });
  }
}
