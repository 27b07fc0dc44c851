package io.atrium.worker;

import io.atrium.platform.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** The billing worker's own small HTTP server: {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
public final class WorkerHealthVerticle extends VerticleBase {

  private final Readiness readiness;
  private final int port;

  public WorkerHealthVerticle(Readiness readiness, int port) {
    this.readiness = readiness;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> write(ctx, Readiness.live()));
    router.get("/health/ready").handler(ctx -> readiness.ready().onSuccess(answer -> write(ctx, answer)));
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    return vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(router).listen(port);
  }

  private static void write(RoutingContext ctx, Readiness.Answer answer) {
    ctx.response().setStatusCode(answer.statusCode()).putHeader("Content-Type", "application/json").end(answer.body().encode());
  }
}
