package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request/reply inside one process on a real Vert.x: a direct call on the caller's event loop, typed failures, undeployment. */
class BusTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Serves {@code address} from a verticle of its own (as the contexts do); returns the deployment id. */
  private String serveFromVerticle(String address, java.util.function.Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        Contracts.provide(vertx, Runnable.class, () -> { });
        return Bus.serve(vertx, address, handler).completion();
      }
    }).await();
  }

  /** Runs {@code call} on a fresh event loop context; the answer (or failure) and the thread its callback ran on. */
  private Answer ask(Supplier<Future<JsonObject>> call) {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    caller.runOnContext(v -> {
      Thread asking = Thread.currentThread();
      call.get().onComplete(result -> answer.complete(new Answer(result.result(), result.cause(),
          Thread.currentThread() == asking && Vertx.currentContext() == caller)));
    });
    return answer.join();
  }

  private record Answer(JsonObject reply, Throwable failure, boolean onCallersContext) {}

  @Test
  void a_served_address_answers_on_the_callers_event_loop_with_the_handlers_own_object() {
    JsonObject sent = new JsonObject().put("n", 1);
    Thread[] ranOn = new Thread[1];
    serveFromVerticle("test.echo", request -> {
      ranOn[0] = Thread.currentThread();
      return Future.succeededFuture(request);
    });
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Thread> askedOn = new CompletableFuture<>();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    caller.runOnContext(v -> {
      askedOn.complete(Thread.currentThread());
      Bus.request(vertx, "test.echo", sent).onSuccess(reply::complete).onFailure(reply::completeExceptionally);
    });
    assertThat(reply.join()).isSameAs(sent);
    assertThat(ranOn[0]).isSameAs(askedOn.join());
  }

  @Test
  void a_rejection_arrives_typed_and_an_unexpected_failure_arrives_without_its_details() {
    serveFromVerticle("test.reject", request -> Future.failedFuture(Rejection.notFound("workspace").failure()));
    serveFromVerticle("test.crash", request -> {
      throw new IllegalArgumentException("secret detail");
    });
    Answer rejected = ask(() -> Bus.request(vertx, "test.reject", new JsonObject()));
    assertThat(rejected.failure()).isInstanceOf(Rejected.class);
    assertThat(((Rejected) rejected.failure()).rejection().code()).isEqualTo(Rejection.notFound("workspace").code());
    assertThat(rejected.onCallersContext()).isTrue();
    Answer crashed = ask(() -> Bus.request(vertx, "test.crash", new JsonObject()));
    assertThat(crashed.failure()).isInstanceOf(IllegalStateException.class).hasMessage("test.crash: internal error");
  }

  @Test
  void a_handler_that_throws_an_error_or_answers_no_future_fails_its_caller_instead_of_leaving_it_waiting() {
    serveFromVerticle("test.error", request -> {
      throw new AssertionError("a bug");
    });
    serveFromVerticle("test.null", request -> null);
    for (String address : new String[] {"test.error", "test.null"}) {
      Answer answer = ask(() -> Bus.request(vertx, address, new JsonObject()));
      assertThat(answer.failure()).as(address).isInstanceOf(IllegalStateException.class).hasMessage(address + ": internal error");
      assertThat(answer.onCallersContext()).isTrue();
    }
  }

  @Test
  void an_answer_completed_on_another_context_is_delivered_on_the_callers() {
    Context elsewhere = vertx.getOrCreateContext();
    serveFromVerticle("test.elsewhere", request -> {
      io.vertx.core.Promise<JsonObject> later = io.vertx.core.Promise.promise();
      elsewhere.runOnContext(v -> later.complete(new JsonObject().put("done", true)));
      return later.future();
    });
    Answer answer = ask(() -> Bus.request(vertx, "test.elsewhere", new JsonObject()));
    assertThat(answer.reply().getBoolean("done")).isTrue();
    assertThat(answer.onCallersContext()).isTrue();
  }

  @Test
  void undeploying_or_unregistering_leaves_nobody_serving_and_no_contract() {
    String deployment = serveFromVerticle("test.gone", request -> Future.succeededFuture(new JsonObject()));
    assertThat(Contracts.of(vertx, Runnable.class)).isNotNull();
    vertx.undeploy(deployment).await();
    assertThat(noHandlers(ask(() -> Bus.request(vertx, "test.gone", new JsonObject())).failure())).isTrue();
    assertThatThrownBy(() -> Contracts.of(vertx, Runnable.class)).isInstanceOf(IllegalStateException.class);

    Bus.Served served = Bus.serve(vertx, "test.unregistered", request -> Future.succeededFuture(new JsonObject()));
    served.completion().await();
    assertThat(ask(() -> Bus.request(vertx, "test.unregistered", new JsonObject())).failure()).isNull();
    served.unregister().await();
    assertThat(noHandlers(ask(() -> Bus.request(vertx, "test.unregistered", new JsonObject())).failure())).isTrue();
  }

  @Test
  void a_serving_verticle_answers_every_address_of_its_map_once_started_and_none_once_undeployed() {
    String deployment = vertx.deployVerticle(new ServingVerticle(vertx -> Bus.serveAll(vertx, Map.of(
        "test.one", request -> Future.succeededFuture(new JsonObject().put("from", "one")),
        "test.two", request -> Future.succeededFuture(new JsonObject().put("from", "two"))))) {}).await();
    assertThat(ask(() -> Bus.request(vertx, "test.one", new JsonObject())).reply().getString("from")).isEqualTo("one");
    assertThat(ask(() -> Bus.request(vertx, "test.two", new JsonObject())).reply().getString("from")).isEqualTo("two");

    vertx.undeploy(deployment).await();
    assertThat(noHandlers(ask(() -> Bus.request(vertx, "test.one", new JsonObject())).failure())).isTrue();
    assertThat(noHandlers(ask(() -> Bus.request(vertx, "test.two", new JsonObject())).failure())).isTrue();
  }

  @Test
  void a_serving_verticle_whose_wiring_fails_is_not_deployed() {
    Future<String> deployed = vertx.deployVerticle(new ServingVerticle(vertx -> Future.failedFuture(new IllegalStateException("no database"))) {});
    assertThatThrownBy(deployed::await).hasMessageContaining("no database");
  }

  private static boolean noHandlers(Throwable failure) {
    return failure != null && failure.getCause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
