package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** What the billing seams share: billing not deployed (no handler) means "nothing to say", anything else is passed on. */
final class BillingSeam {

  private BillingSeam() {}

  /** {@code answer}, or {@code whenAbsent} when nobody serves the address. */
  static <T> Future<T> orWhenAbsent(Future<T> answer, T whenAbsent) {
    return answer.recover(e -> noHandler(e) ? Future.succeededFuture(whenAbsent) : Future.failedFuture(e));
  }

  private static boolean noHandler(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return true;
      }
    }
    return false;
  }
}
