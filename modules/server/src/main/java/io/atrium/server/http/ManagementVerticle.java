package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port ({@code management.host}:{@code management.port}): {@code /metrics} and the health checks,
 * for Prometheus and orchestrators on the private network. Kept off the API port, so nothing a scrape shows is on
 * the public surface and no shared token has to be handed out and rotated. A port already taken (a second process
 * on one machine) leaves this process without metrics and says so; it does not stop the API.
 */
public final class ManagementVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ManagementVerticle.class);
  private final AtriumConfig config;
  private final Readiness readiness;
  private volatile int port = -1;

  public ManagementVerticle(AtriumConfig config, Readiness readiness) {
    this.config = config;
    this.readiness = readiness;
  }

  /** The port it listens on; -1 when it could not bind. */
  public int port() {
    return port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    HealthRoutes.mount(router, readiness);
    router.route().failureHandler(ctx -> {
      log.error("management {} failed", ctx.request().path(), ctx.failure());
      ctx.next();
    });
    router.route().failureHandler(Problems::handle);
    String host = config.string("management.host");
    int configured = config.integer("management.port");
    // HTTP/1.1 only: a scrape needs nothing more, and a half-understood h2c upgrade garbled answers to clients that try it.
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(configured).setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen()
        .map(HttpServer::actualPort)
        .onSuccess(actual -> {
          port = actual;
          log.info("Management (metrics, health) on {}:{}", host, actual);
        })
        .recover(failure -> {
          log.error("Management port {}:{} cannot be opened ({}): this process serves no /metrics; set {}", host, configured,
              failure.getMessage(), AtriumConfig.envName("management.port"));
          return Future.succeededFuture(-1);
        });
  }
}
