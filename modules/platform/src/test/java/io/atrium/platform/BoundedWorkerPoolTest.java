package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
    BoundedWorkerPool slow = new BoundedWorkerPool("slow-refusals", 1, 1, "Busy; try again", 2, 300);
    CountDownLatch release = new CountDownLatch(1);
    try {
      slow.submit(() -> release.await(10, TimeUnit.SECONDS));
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
}
