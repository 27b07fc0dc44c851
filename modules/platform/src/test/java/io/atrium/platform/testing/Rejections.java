package io.atrium.platform.testing;

import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

/** Test helper: waits for a reply that must be a business rejection. */
public final class Rejections {

  private Rejections() {}

  /** The rejection the future fails with; an assertion error when it succeeds instead. */
  public static Rejection rejectionOf(Future<?> reply) {
    try {
      reply.await();
    } catch (Rejected rejected) {
      return rejected.rejection();
    }
    throw new AssertionError("expected a rejection, got " + reply.result());
  }
}
