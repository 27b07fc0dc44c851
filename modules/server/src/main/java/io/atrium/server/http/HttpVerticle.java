package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server per event loop; Vert.x spreads connections across the instances sharing the port. */
public final class HttpVerticle extends VerticleBase {

  private final AtriumConfig config;
  private final Readiness readiness;
  private final int port;

  public HttpVerticle(AtriumConfig config, Readiness readiness, int port) {
    this.config = config;
    this.readiness = readiness;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setPort(port).setCompressionSupported(true))
        .requestHandler(ApiRouter.create(vertx, config, readiness))
        .listen()
        .map(HttpServer::actualPort);
  }
}
