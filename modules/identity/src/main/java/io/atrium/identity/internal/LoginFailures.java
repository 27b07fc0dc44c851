package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/** Port: failed sign-ins counted per key ({@code account:<email>}, {@code pair:<address>|<email>} or {@code client:<address>}) and window. */
interface LoginFailures {

  /** The failures of one key within its current window. */
  record Window(String key, Instant start, int failures) {}

  /** The windows of these keys that started after {@code openSince}; older ones have ended. */
  Future<List<Window>> open(List<String> keys, Instant openSince);

  /** Counts one failure for each key, starting a new window at {@code now} where the old one has ended. */
  Future<Void> record(List<String> keys, Instant now, Instant openSince);

  Future<Void> clear(List<String> keys);
}
