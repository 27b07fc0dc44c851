package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads with a bounded queue, for CPU-bound work that anyone can ask for (password hashing). Vert.x's
 * worker pool has no bound: a storm of such work would queue without end and take every core from the event loops.
 * Here a full queue refuses with {@code 503 unavailable} and {@code retryAfter} (at once, or after a set delay), and a
 * result is handed back on the Vert.x context that asked for it.
 *
 * <p>The event loops' side takes no lock (a counter and a lock-free queue): with {@link CpuPriority#IDLE} threads, a
 * lock the pool's thread held when it was preempted could stall an event loop until that thread ran again.
 */
public final class BoundedWorkerPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedWorkerPool.class);

  /** The OS scheduling of the pool's threads. */
  public enum CpuPriority {
    /** As every other thread. */
    NORMAL,
    /** Linux's {@code SCHED_IDLE}: the threads yield their core to any other thread that wants it ({@link IdleCpuPolicy}). */
    IDLE
  }

  private final LinkedTransferQueue<Task<?>> queue = new LinkedTransferQueue<>();
  /** Tasks submitted and not yet taken by a thread: the queue's bound. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final int capacity;
  private final int threads;
  private final long maxWaitNanos;
  private final Rejection full;
  private final long refusalDelayMillis;
  private volatile boolean closed;

  public BoundedWorkerPool(String threadName, int threads, int queueCapacity, String busy, int retryAfterSeconds) {
    this(threadName, threads, queueCapacity, busy, retryAfterSeconds, 0, CpuPriority.NORMAL);
  }

  /**
   * @param threadName threads are named {@code threadName-1}, {@code threadName-2}, …
   * @param busy the detail of the refusal when the queue is full
   * @param retryAfterSeconds what a refused client is told to wait: about the time the full queue takes to drain. A
   *     task still waiting for a thread after that long is refused (see {@link #submit}): the threads are starved, and
   *     its client would rather hear so than wait on
   * @param refusalDelayMillis how long a refusal takes, on a Vert.x context: a client that waits for its answer before
   *     retrying is slowed to one try per delay (a timer costs nothing); keeping the refusal itself cheap ({@link #room()}
   *     before any other work) is what holds against clients that do not wait
   * @param priority the threads' scheduling; they start at once, so that setting it costs no request anything
   */
  public BoundedWorkerPool(String threadName, int threads, int queueCapacity, String busy, int retryAfterSeconds,
                           long refusalDelayMillis, CpuPriority priority) {
    if (retryAfterSeconds <= 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be positive: it bounds how long work waits");
    }
    this.capacity = queueCapacity;
    this.threads = threads;
    this.maxWaitNanos = TimeUnit.SECONDS.toNanos(retryAfterSeconds);
    this.full = Rejection.of(Codes.UNAVAILABLE, busy).with("retryAfter", retryAfterSeconds);
    this.refusalDelayMillis = refusalDelayMillis;
    for (int i = 1; i <= threads; i++) {
      Thread thread = new Thread(() -> {
        if (priority == CpuPriority.IDLE) {
          IdleCpuPolicy.applyToCurrentThread();
        }
        work();
      }, threadName + "-" + i);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Fails as {@link #submit} would (after the refusal delay) when the queue is full: lets a caller refuse before the
   * work it does ahead of submitting (queries), so that a storm of refusals stays cheap. Room now may be gone at submit:
   * it still refuses.
   */
  public Future<Void> room() {
    return closed || waiting.get() >= capacity ? refusal() : Future.succeededFuture();
  }

  /** How many tasks run at once. */
  public int threads() {
    return threads;
  }

  /** One thread per core but one, which is left to the event loops; at least one. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * Runs the work on one of the pool's threads; the future completes on the caller's Vert.x context (or on that
   * thread when called from outside Vert.x). A full queue fails it, after the refusal delay, with a {@link Rejected}
   * {@code unavailable}; so does a wait for a thread longer than {@code retryAfterSeconds}: on a Vert.x context at the
   * end of that wait (work that has started runs to its end), elsewhere when its turn comes.
   */
  public <T> Future<T> submit(Callable<T> work) {
    int queued;
    do {
      queued = waiting.get();
      if (closed || queued >= capacity) {
        return refusal();
      }
    } while (!waiting.compareAndSet(queued, queued + 1));
    Task<T> task = new Task<>(work, Vertx.currentContext(), Promise.promise(), System.nanoTime());
    queue.offer(task);
    if (closed && queue.remove(task)) { // the threads may be gone: nobody would take it
      waiting.decrementAndGet();
      return refusal();
    }
    if (task.caller != null) {
      task.caller.owner().setTimer(TimeUnit.NANOSECONDS.toMillis(maxWaitNanos), timer -> expire(task));
    }
    return task.promise.future();
  }

  private void work() {
    while (!closed || !queue.isEmpty()) {
      try {
        Task<?> task = queue.poll(1, TimeUnit.SECONDS);
        if (task != null) {
          waiting.decrementAndGet();
          task.run(System.nanoTime() - task.submittedNanos > maxWaitNanos ? full : null);
        }
      } catch (InterruptedException e) {
        // nobody but close() should stop these threads: go on while there is work
      } catch (Throwable t) {
        LOG.error("a task of the bounded pool failed outside its work", t); // keep the thread: nothing replaces it
      }
    }
  }

  /** At a task's deadline, on its caller's context: refuses it unless a thread has taken it, and frees its place. */
  private void expire(Task<?> task) {
    if (task.decided.compareAndSet(false, true)) {
      if (queue.remove(task)) { // else a thread polled it just now, and counted it out
        waiting.decrementAndGet();
      }
      task.promise.fail(full.failure());
    }
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

  /**
   * Takes no more work; the threads run what is queued (refusing what waited too long) and then end. They are daemons,
   * so they never hold the JVM.
   */
  @Override
  public void close() {
    closed = true;
  }

  /** One piece of work; whichever comes first, its thread or its caller's deadline, decides whether it runs. */
  private static final class Task<T> {

    final Callable<T> work;
    final Context caller;
    final Promise<T> promise;
    final long submittedNanos;
    final AtomicBoolean decided = new AtomicBoolean();

    Task(Callable<T> work, Context caller, Promise<T> promise, long submittedNanos) {
      this.work = work;
      this.caller = caller;
      this.promise = promise;
      this.submittedNanos = submittedNanos;
    }

    /** On a pool thread: runs the work, or refuses it when {@code refusal} is given, unless its deadline came first. */
    void run(Rejection refusal) {
      if (!decided.compareAndSet(false, true)) {
        return;
      }
      T result = null;
      Throwable failure = refusal == null ? null : refusal.failure();
      if (refusal == null) {
        try {
          result = work.call();
        } catch (Throwable t) {
          failure = t;
        }
      }
      T value = result;
      Throwable cause = failure;
      Runnable completion = () -> {
        if (cause == null) {
          promise.complete(value);
        } else {
          promise.fail(cause);
        }
      };
      if (caller == null) {
        completion.run();
        return;
      }
      try {
        caller.runOnContext(v -> completion.run());
      } catch (RuntimeException closedContext) { // the caller's Vert.x is closed: complete here rather than never
        completion.run();
      }
    }
  }
}
