package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads with a bounded queue, for CPU-bound work that anyone can ask for (password hashing). Vert.x's
 * worker pool has no bound: a storm of such work would queue without end and take every core from the event loops.
 * Here a full queue refuses with {@code 503 unavailable} and {@code retryAfter} (at once, or after a set delay), and a
 * result is handed back on the Vert.x context that asked for it.
 */
public final class BoundedWorkerPool implements AutoCloseable {

  private final ThreadPoolExecutor executor;
  private final Rejection full;
  private final long refusalDelayMillis;

  public BoundedWorkerPool(String threadName, int threads, int queueCapacity, String busy, int retryAfterSeconds) {
    this(threadName, threads, queueCapacity, busy, retryAfterSeconds, 0);
  }

  /**
   * @param threadName threads are named {@code threadName-1}, {@code threadName-2}, …
   * @param busy the detail of the refusal when the queue is full
   * @param retryAfterSeconds what a refused client is told to wait: about the time the full queue takes to drain
   * @param refusalDelayMillis how long a refusal takes, on a Vert.x context: a client that waits for its answer before
   *     retrying is slowed to one try per delay (a timer costs nothing); keeping the refusal itself cheap ({@link #room()}
   *     before any other work) is what holds against clients that do not wait
   */
  public BoundedWorkerPool(String threadName, int threads, int queueCapacity, String busy, int retryAfterSeconds,
                           long refusalDelayMillis) {
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), work -> {
      Thread thread = new Thread(work, threadName + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }, new ThreadPoolExecutor.AbortPolicy());
    this.full = Rejection.of(Codes.UNAVAILABLE, busy).with("retryAfter", retryAfterSeconds);
    this.refusalDelayMillis = refusalDelayMillis;
  }

  /**
   * Fails as {@link #submit} would (after the refusal delay) when the queue is full: lets a caller refuse before the
   * work it does ahead of submitting (queries), so that a storm of refusals stays cheap. Room now may be gone at submit:
   * it still refuses.
   */
  public Future<Void> room() {
    return executor.getQueue().remainingCapacity() == 0 ? refusal() : Future.succeededFuture();
  }

  /** How many tasks run at once. */
  public int threads() {
    return executor.getMaximumPoolSize();
  }

  /** One thread per core but one, which is left to the event loops; at least one. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * Runs the work on one of the pool's threads; the future completes on the caller's Vert.x context (or on that
   * thread when called from outside Vert.x). A full queue fails it, after the refusal delay, with a {@link Rejected}
   * {@code unavailable}.
   */
  public <T> Future<T> submit(Callable<T> work) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        T result = null;
        Throwable failure = null;
        try {
          result = work.call();
        } catch (Throwable t) {
          failure = t;
        }
        complete(promise, caller, result, failure);
      });
    } catch (RejectedExecutionException refused) {
      return refusal();
    }
    return promise.future();
  }

  private <T> Future<T> refusal() {
    Context caller = Vertx.currentContext();
    if (caller == null || refusalDelayMillis <= 0) {
      return Future.failedFuture(full.failure());
    }
    Promise<T> refused = Promise.promise();
    caller.owner().setTimer(refusalDelayMillis, timer -> refused.fail(full.failure())); // fires on the caller's context
    return refused.future();
  }

  private static <T> void complete(Promise<T> promise, Context caller, T result, Throwable failure) {
    Runnable completion = () -> {
      if (failure == null) {
        promise.complete(result);
      } else {
        promise.fail(failure);
      }
    };
    if (caller == null) {
      completion.run();
    } else {
      caller.runOnContext(v -> completion.run());
    }
  }

  /** Takes no more work; what is queued still runs (the threads are daemons, so they never hold the JVM). */
  @Override
  public void close() {
    executor.shutdown();
  }
}
