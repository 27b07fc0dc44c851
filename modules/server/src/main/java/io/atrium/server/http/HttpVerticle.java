package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server per event loop; Vert.x spreads connections across the instances sharing the port. */
public final class HttpVerticle extends VerticleBase {

  private final AtriumConfig config;
  private final Readiness readiness;
  private final int port;
  private final ProcessCaches caches;

  public HttpVerticle(AtriumConfig config, Readiness readiness, int port, ProcessCaches caches) {
    this.config = config;
    this.readiness = readiness;
    this.port = port;
    this.caches = caches;
  }

  @Override
  public Future<?> start() {
    // Explicit limits: an over-long request line is 414, over-large headers 431, a body over its limit 413.
    HttpServerOptions options = new HttpServerOptions().setPort(port).setCompressionSupported(true)
        .setMaxInitialLineLength(config.integer("http.maxRequestLineBytes"))
        .setMaxHeaderSize(config.integer("http.maxHeaderBytes"))
        // A connection silent this long is closed: idle keep-alives, clients that never finish a request, and one whose
        // request Vert.x dropped (its metrics threw for a connection accepted as the server started) end instead of hanging.
        .setIdleTimeout(config.integer("http.idleTimeoutSeconds"))
        // No cleartext HTTP/2 upgrade: on that path Vert.x answers malformed requests itself, with empty bodies.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .requestHandler(Protocol.requireHost(ApiRouter.create(vertx, config, readiness, caches)))
        .invalidRequestHandler(Protocol::refuse)
        .listen()
        .map(HttpServer::actualPort);
  }
}
