package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The base of an adapter through which one context asks another (a port's implementation): over {@link Bus}, or
 * through the other context's typed contract ({@link #contract}) where it has one.
 */
public abstract class BusClient {

  private final Vertx vertx;

  protected BusClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@link Bus#request}: the answer, or the typed failure, of whoever serves {@code address}. */
  protected final Future<JsonObject> ask(String address, JsonObject body) {
    return Bus.request(vertx, address, body);
  }

  /** {@link Contracts#of}: the other context's typed contract in this process. */
  protected final <T> T contract(Class<T> contract) {
    return Contracts.of(vertx, contract);
  }
}
