package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

import java.util.function.Function;

/**
 * A context's verticle: at start it wires the context and serves its addresses ({@link Bus#serveAll}), and it is
 * started once they are reachable. Undeploying it unregisters them (each served address closes with its verticle).
 */
public class ServingVerticle extends VerticleBase {

  private final Function<Vertx, Future<?>> serve;

  /** {@code serve}: wires the context in the given Vert.x and serves it; completes once it is reachable. */
  protected ServingVerticle(Function<Vertx, Future<?>> serve) {
    this.serve = serve;
  }

  @Override
  public Future<?> start() {
    return serve.apply(vertx);
  }
}
