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
    Future<String> queued = pool.submit(() -> "second");

    Future<String> refused = pool.submit(() -> "third");

    assertThat(refused.failed()).as("refused before any work finished").isTrue();
    assertThat(refused.cause()).isInstanceOf(Rejected.class);
    Rejection rejection = ((Rejected) refused.cause()).rejection();
    assertThat(rejection.code()).isEqualTo(Codes.UNAVAILABLE);
    assertThat(rejection.code().status()).isEqualTo(503);
    assertThat(rejection.detail()).isEqualTo("Busy; try again");
    assertThat(rejection.extensions().getInteger("retryAfter")).isEqualTo(2);
    release.countDown();
    assertThat(busy.await(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(queued.await(10, TimeUnit.SECONDS)).isEqualTo("second");
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
}
