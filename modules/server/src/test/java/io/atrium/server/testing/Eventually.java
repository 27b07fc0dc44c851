package io.atrium.server.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what the worker does asynchronously: polls a condition until it holds or time runs out. */
public final class Eventually {

  private Eventually() {}

  public static void holds(Duration timeout, String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
