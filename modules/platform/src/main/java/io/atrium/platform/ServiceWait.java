package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Waits for PostgreSQL or RabbitMQ at start: tries {@code attempt} until it succeeds, with exponential backoff
 * capped at {@code startup.maxBackoffMillis} and one log line per failed attempt. Only a transient failure
 * ({@link Transience}) is waited out; any other fails at once (a wrong password stays wrong).
 */
public final class ServiceWait {

  private static final Logger log = LoggerFactory.getLogger(ServiceWait.class);

  private ServiceWait() {}

  public static <T> Future<T> until(Vertx vertx, AtriumConfig config, String what, Supplier<Future<T>> attempt) {
    return until(vertx, what, attempt, new Backoff(250, config.integer("startup.maxBackoffMillis")), 1);
  }

  private static <T> Future<T> until(Vertx vertx, String what, Supplier<Future<T>> attempt, Backoff backoff, int n) {
    Future<T> tried;
    try {
      tried = attempt.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.transform(result -> {
      if (result.succeeded()) {
        if (n > 1) {
          log.info("{} answers after {} attempts", what, n);
        }
        return Future.succeededFuture(result.result());
      }
      if (!Transience.isTransient(result.cause())) {
        return Future.failedFuture(result.cause());
      }
      long delay = backoff.next();
      log.warn("waiting for {}: attempt {} failed ({}); next in {} ms", what, n, rootMessage(result.cause()), delay);
      Promise<Void> timer = Promise.promise();
      vertx.setTimer(delay, id -> timer.complete());
      return timer.future().compose(v -> until(vertx, what, attempt, backoff, n + 1));
    });
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
