package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The base of an adapter through which one context asks another over {@link Bus} (a port's implementation). */
public abstract class BusClient {

  private final Vertx vertx;

  protected BusClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@link Bus#request}: the answer, or the typed failure, of whoever serves {@code address}. */
  protected final Future<JsonObject> ask(String address, JsonObject body) {
    return Bus.request(vertx, address, body);
  }
}
