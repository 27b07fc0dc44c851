package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Request/reply over the event bus with typed failures. A {@link Rejected} future on the serving side
 * arrives as the same {@link Rejected} on the requesting side; anything else is an internal error,
 * logged where it happened and never described to the caller.
 */
public final class Bus {

  /** The failure code of a reply that carries a {@link Rejection} as JSON. */
  public static final int REJECTED = 4000;
  /** The failure code of a reply that failed unexpectedly. */
  public static final int INTERNAL = 5000;

  private static final Logger log = LoggerFactory.getLogger(Bus.class);

  private Bus() {}

  public static MessageConsumer<JsonObject> serve(Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(message.body() == null ? new JsonObject() : message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(result -> {
        if (result.succeeded()) {
          message.reply(result.result());
        } else if (result.cause() instanceof Rejected rejected) {
          message.fail(REJECTED, rejected.rejection().toJson().encode());
        } else {
          log.error("{} failed", address, result.cause());
          message.fail(INTERNAL, "internal error");
        }
      });
    });
  }

  public static Future<JsonObject> request(Vertx vertx, String address, JsonObject body) {
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
}
