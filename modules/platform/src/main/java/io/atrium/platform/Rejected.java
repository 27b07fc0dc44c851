package io.atrium.platform;

import io.vertx.core.Future;

import java.util.Optional;

/** Carries a {@link Rejection} through a failed {@code Future}. No stack trace: it is not an error. */
public final class Rejected extends RuntimeException {

  private final Rejection rejection;

  public Rejected(Rejection rejection) {
    super(rejection.code() + ": " + rejection.detail(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }

  /** True when {@code failure} is a rejection with {@code code}. */
  public static boolean is(Throwable failure, Codes code) {
    return failure instanceof Rejected r && r.rejection().code() == code;
  }

  /** The value found, or a {@code not_found} rejection naming {@code what}. */
  public static <T> Future<T> orNotFound(Optional<T> found, String what) {
    return found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(Rejection.notFound(what).failure()));
  }

  /** {@code asked}, answering {@code absent} where it was rejected {@code not_found}; any other failure stays. */
  public static <T> Future<T> orWhenNotFound(Future<T> asked, T absent) {
    return asked.recover(e -> is(e, Codes.NOT_FOUND) ? Future.succeededFuture(absent) : Future.failedFuture(e));
  }
}
