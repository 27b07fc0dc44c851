package io.atrium.platform;

import io.vertx.core.Closeable;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Request/reply between contexts, with typed failures. An address served in this Vert.x instance is answered by a
 * direct call of its handler on the caller's context: no copy of the JSON, no hop to another event loop (the event
 * bus is not clustered, so every served address is in-process). An address nobody serves here goes over the event
 * bus, which answers {@code NO_HANDLERS} as before. A {@link Rejected} future on the serving side arrives as the same
 * {@link Rejected}; anything else is an internal error, logged where it happened and never described to the caller.
 * A handler runs on whichever event loop asks, so it must hold no state that is unsafe to share between threads.
 */
public final class Bus {

  /** The failure code of a reply that carries a {@link Rejection} as JSON. */
  public static final int REJECTED = 4000;
  /** The failure code of a reply that failed unexpectedly. */
  public static final int INTERNAL = 5000;

  private static final Logger log = LoggerFactory.getLogger(Bus.class);
  /** How long a direct call may take: the event bus's own default request timeout. */
  static final long TIMEOUT_MILLIS = 30_000;

  private Bus() {}

  /**
   * Serves {@code address} until {@link Served#unregister()} or until the calling verticle is undeployed. Also
   * registered on the event bus, so senders that use it directly still reach the handler.
   */
  public static Served serve(Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().<JsonObject>consumer(address, message ->
        answer(address, handler, message.body()).onComplete(result -> {
          if (result.succeeded()) {
            message.reply(result.result());
          } else if (result.cause() instanceof Rejected rejected) {
            message.fail(REJECTED, rejected.rejection().toJson().encode());
          } else {
            message.fail(INTERNAL, "internal error");
          }
        }));
    Served served = new Served(address, handler, consumer, (ContextInternal) vertx.getOrCreateContext(), registry(vertx));
    served.register();
    return served;
  }

  /**
   * Serves every address of {@code handlers} (a context's endpoints), as {@link #serve} does each; completes once all
   * are reachable, and fails if one could not be registered.
   */
  public static Future<Void> serveAll(Vertx vertx, Map<String, Function<JsonObject, Future<JsonObject>>> handlers) {
    return Future.all(handlers.entrySet().stream()
            .map(handler -> serve(vertx, handler.getKey(), handler.getValue()).completion())
            .toList())
        .mapEmpty();
  }

  public static Future<JsonObject> request(Vertx vertx, String address, JsonObject body) {
    List<Served> served = registry(vertx).get(address);
    if (served != null) {
      for (Served first : served) {
        return first.call(vertx, body);
      }
    }
    return overEventBus(vertx, address, body);
  }

  /** The handler's answer; an unexpected failure is logged here, once, and becomes a bare internal error. */
  private static Future<JsonObject> answer(String address, Function<JsonObject, Future<JsonObject>> handler, JsonObject body) {
    Future<JsonObject> reply;
    try {
      reply = handler.apply(body == null ? new JsonObject() : body);
      if (reply == null) {
        reply = Future.failedFuture(new IllegalStateException("the handler answered no future"));
      }
    } catch (Throwable e) { // an Error too: thrown here it would escape into the caller or leave its promise open
      reply = Future.failedFuture(e);
    }
    return reply.recover(failure -> {
      if (failure instanceof Rejected) {
        return Future.failedFuture(failure);
      }
      log.error("{} failed", address, failure);
      return Future.failedFuture(new IllegalStateException(address + ": internal error"));
    });
  }

  private static Future<JsonObject> overEventBus(Vertx vertx, String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body)
        .map(reply -> reply.body())
        .recover(failure -> {
          if (failure instanceof ReplyException reply
              && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
              && reply.failureCode() == REJECTED) {
            return Future.failedFuture(Rejection.fromJson(new JsonObject(reply.getMessage())).failure());
          }
          return Future.failedFuture(new IllegalStateException(address + ": " + failure.getMessage(), failure));
        });
  }

  private static Map<String, List<Served>> registry(Vertx vertx) {
    return ProcessRegistry.of(vertx, "served addresses");
  }

  /** One served address: reachable once {@link #completion()} succeeds, until {@link #unregister()} or undeployment. */
  public static final class Served implements Closeable {

    private final String address;
    private final Function<JsonObject, Future<JsonObject>> handler;
    private final MessageConsumer<JsonObject> consumer;
    private final ContextInternal context;
    private final Map<String, List<Served>> registry;

    private Served(String address, Function<JsonObject, Future<JsonObject>> handler, MessageConsumer<JsonObject> consumer,
                   ContextInternal context, Map<String, List<Served>> registry) {
      this.address = address;
      this.handler = handler;
      this.consumer = consumer;
      this.context = context;
      this.registry = registry;
    }

    public Future<Void> completion() {
      return consumer.completion();
    }

    public Future<Void> unregister() {
      context.removeCloseHook(this);
      forget();
      return consumer.unregister();
    }

    /** Undeployment of the serving verticle (or the end of Vert.x). */
    @Override
    public void close(Completable<Void> completion) {
      forget();
      completion.succeed();
    }

    private void register() {
      registry.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(this);
      context.addCloseHook(this);
    }

    private void forget() {
      registry.computeIfPresent(address, (a, list) -> {
        list.remove(this);
        return list.isEmpty() ? null : list;
      });
    }

    /**
     * Runs the handler on the caller's context, at once when called on it (a thread outside Vert.x gets a context
     * of its own); the answer is delivered on that context whichever context completes it.
     */
    private Future<JsonObject> call(Vertx vertx, JsonObject body) {
      ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
      PromiseInternal<JsonObject> promise = caller.promise();
      if (caller.isRunningOnContext()) {
        answer(address, handler, body).onComplete(promise);
      } else {
        caller.runOnContext(v -> answer(address, handler, body).onComplete(promise));
      }
      // As the event bus did: a handler that never answers (a query waiting on a lock) fails its caller after a while.
      return promise.future().timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).recover(failure -> {
        if (failure instanceof TimeoutException) {
          log.error("{} did not answer within {} ms", address, TIMEOUT_MILLIS);
          return Future.failedFuture(new IllegalStateException(address + ": internal error"));
        }
        return Future.failedFuture(failure);
      });
    }
  }
}
