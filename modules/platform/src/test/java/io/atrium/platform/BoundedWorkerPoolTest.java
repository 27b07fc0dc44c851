package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BoundedWorkerPoolTest {

  private final Vertx vertx = Vertx.vertx();
  private final BoundedWorkerPool pool = new BoundedWorkerPool("test-pool", 1, 1, "Busy; try again", 2);

  @AfterEach
  void close() {
    pool.close();
    vertx.close().await();
  }

  @Test
  void aFullQueueRefusesAtOnceWith503AndRetryAfterWhileQueuedWorkStillRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    Future<String> busy = pool.submit(() -> {
      running.countDown();
      release.await();
      return "first";
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.room().succeeded()).as("room while the queue is empty").isTrue();
    Future<String> queued = pool.submit(() -> "second");

    Future<String> refused = pool.submit(() -> "third");
    Future<Void> noRoom = pool.room();

    assertThat(refused.failed()).as("refused before any work finished").isTrue();
    assertThat(refused.cause()).isInstanceOf(Rejected.class);
    Rejection rejection = ((Rejected) refused.cause()).rejection();
    assertThat(rejection.code()).isEqualTo(Codes.UNAVAILABLE);
    assertThat(rejection.code().status()).isEqualTo(503);
    assertThat(rejection.detail()).isEqualTo("Busy; try again");
    assertThat(rejection.extensions().getInteger("retryAfter")).isEqualTo(2);
    assertThat(noRoom.failed()).as("no room: the same refusal before submitting").isTrue();
    assertThat(((Rejected) noRoom.cause()).rejection().code()).isEqualTo(Codes.UNAVAILABLE);
    release.countDown();
    assertThat(busy.await(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(queued.await(10, TimeUnit.SECONDS)).isEqualTo("second");
    assertThat(pool.room().succeeded()).as("room again once the queue drained").isTrue();
  }

  @Test
  void workRunsOnThePoolsThreadAndCompletesOnTheContextThatAskedForIt() throws Exception {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<String> ranOn = new CompletableFuture<>();
    CompletableFuture<Boolean> completedOnCaller = new CompletableFuture<>();
    caller.runOnContext(v -> pool.submit(() -> Thread.currentThread().getName())
        .onComplete(done -> {
          ranOn.complete(done.result());
          completedOnCaller.complete(Vertx.currentContext() == caller && Context.isOnEventLoopThread());
        }));
    assertThat(ranOn.get(10, TimeUnit.SECONDS)).isEqualTo("test-pool-1");
    assertThat(completedOnCaller.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aFailingTaskFailsItsFutureOnTheCallersContext() throws Exception {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    caller.runOnContext(v -> pool.submit(() -> {
      throw new IllegalArgumentException("not an Argon2id PHC string");
    }).onFailure(cause -> failure.complete(Vertx.currentContext() == caller ? cause : new AssertionError("off the caller's context"))));
    assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class).hasMessage("not an Argon2id PHC string");
  }

  /** A client that retries a refusal at once must not get its next one at once: that loop would take an event loop. */
  @Test
  void onAVertxContextARefusalArrivesAfterTheDelayNotAtOnce() throws Exception {
    BoundedWorkerPool slow = new BoundedWorkerPool("slow-refusals", 1, 1, "Busy; try again", 2, 300,
        BoundedWorkerPool.CpuPriority.NORMAL);
    CountDownLatch release = occupy(slow, 10);
    try {
      slow.submit(() -> true);
      Context caller = vertx.getOrCreateContext();
      CompletableFuture<Long> refusedAfter = new CompletableFuture<>();
      CompletableFuture<Boolean> pendingAtFirst = new CompletableFuture<>();
      caller.runOnContext(v -> {
        long asked = System.nanoTime();
        Future<Void> refused = slow.room();
        Future<Boolean> submitted = slow.submit(() -> true);
        pendingAtFirst.complete(!refused.isComplete() && !submitted.isComplete());
        refused.onComplete(done -> refusedAfter.complete(done.failed() && Vertx.currentContext() == caller
            ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked) : -1L));
      });
      assertThat(pendingAtFirst.get(10, TimeUnit.SECONDS)).as("neither room() nor submit() refused at once").isTrue();
      assertThat(refusedAfter.get(10, TimeUnit.SECONDS)).as("refused on the caller's context, after the delay").isGreaterThanOrEqualTo(300L);
    } finally {
      release.countDown();
      slow.close();
    }
  }

  /** A thread starved for longer than the client was told to wait: its queued work is refused, not run late. */
  @Test
  void workThatWaitedLongerThanRetryAfterIsRefusedWhenItsTurnComesAndNeverRuns() throws Exception {
    BoundedWorkerPool starved = new BoundedWorkerPool("starved-pool", 1, 1, "Busy; try again", 1);
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean lateWorkRan = new AtomicBoolean();
    try {
      Future<Boolean> first = starved.submit(() -> {
        running.countDown();
        Thread.sleep(1500);
        return true;
      });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Boolean> late = starved.submit(() -> lateWorkRan.getAndSet(true));

      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      Throwable refused = catchThrowable(() -> late.await(10, TimeUnit.SECONDS));
      assertThat(refused).isInstanceOf(Rejected.class);
      assertThat(((Rejected) refused).rejection().code()).isEqualTo(Codes.UNAVAILABLE);
      assertThat(((Rejected) refused).rejection().extensions().getInteger("retryAfter")).isEqualTo(1);
      assertThat(lateWorkRan).as("the late work itself").isFalse();
      assertThat(starved.submit(() -> "fresh").await(10, TimeUnit.SECONDS)).as("fresh work runs again").isEqualTo("fresh");
    } finally {
      starved.close();
    }
  }

  /** On a Vert.x context the refusal comes at the deadline itself, even while every thread is still busy. */
  @Test
  void onAVertxContextWorkStillQueuedAtItsDeadlineIsRefusedThenThoughTheThreadIsBusy() throws Exception {
    BoundedWorkerPool starved = new BoundedWorkerPool("busy-pool", 1, 1, "Busy; try again", 1, 0,
        BoundedWorkerPool.CpuPriority.NORMAL);
    CountDownLatch release = occupy(starved, 30);
    AtomicBoolean lateWorkRan = new AtomicBoolean();
    try {
      CompletableFuture<Throwable> refused = new CompletableFuture<>();
      vertx.getOrCreateContext().runOnContext(v -> starved.submit(() -> lateWorkRan.getAndSet(true))
          .onComplete(done -> refused.complete(done.cause())));

      assertThat(refused.get(5, TimeUnit.SECONDS)).as("refused while the thread still works").isInstanceOf(Rejected.class);
      assertThat(release.getCount()).isEqualTo(1);
      release.countDown();
      assertThat(starved.submit(() -> "fresh").await(10, TimeUnit.SECONDS)).isEqualTo("fresh");
      assertThat(lateWorkRan).as("the refused work itself").isFalse();
    } finally {
      release.countDown();
      starved.close();
    }
  }

  /** The policy a storm of sign-ins depends on: an idle pool's threads are SCHED_IDLE (5), a normal pool's are not. */
  @Test
  void anIdlePoolsThreadsRunUnderSchedIdleAndANormalPoolsDoNot() throws Exception {
    BoundedWorkerPool idle = new BoundedWorkerPool("idle-pool", 2, 1, "Busy; try again", 2, 0,
        BoundedWorkerPool.CpuPriority.IDLE);
    try {
      assertThat(idle.submit(BoundedWorkerPoolTest::schedulingPolicy).await(10, TimeUnit.SECONDS)).isEqualTo(5);
      assertThat(pool.submit(BoundedWorkerPoolTest::schedulingPolicy).await(10, TimeUnit.SECONDS)).isZero();
    } finally {
      idle.close();
    }
  }

  /** Gives the pool's one thread work that holds it until the returned latch is counted down (or the seconds pass). */
  private static CountDownLatch occupy(BoundedWorkerPool pool, int seconds) throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    pool.submit(() -> {
      running.countDown();
      return release.await(seconds, TimeUnit.SECONDS);
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).as("the pool's thread took the work").isTrue();
    return release;
  }

  /** Field 41 of the calling thread's {@code /proc/thread-self/stat}: 0 is SCHED_OTHER, 5 SCHED_IDLE. */
  private static int schedulingPolicy() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(afterName[41 - 3]);
  }
}
