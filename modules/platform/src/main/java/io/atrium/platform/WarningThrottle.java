package io.atrium.platform;

import org.slf4j.Logger;

import java.time.Duration;

/** Logs a warning at most once every {@link #EVERY}; the rest at debug, so a repeating fault cannot flood the log. */
final class WarningThrottle {

  static final Duration EVERY = Duration.ofSeconds(30);

  private final Logger log;
  private long lastNanos;
  private boolean warned;

  WarningThrottle(Logger log) {
    this.log = log;
  }

  synchronized void warn(String format, Object... arguments) {
    long now = System.nanoTime();
    if (!warned || now - lastNanos >= EVERY.toNanos()) {
      warned = true;
      lastNanos = now;
      log.warn(format, arguments);
    } else {
      log.debug(format, arguments);
    }
  }
}
