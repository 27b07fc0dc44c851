package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Readiness;
import io.atrium.server.routes.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.List;

/** The whole HTTP surface: health at the root (metrics are on the {@link ManagementVerticle management port}), API.md's contract under {@code /api/v1}, the web console at {@code /}. */
public final class ApiRouter {

  public static final String BASE_PATH = "/api/v1";

  private ApiRouter() {}

  public static Router create(Vertx vertx, AtriumConfig config, Readiness readiness, ProcessCaches caches) {
    Router root = Router.router(vertx);
    root.route().handler(RequestIds::handle);
    root.route().handler(Protocol::check);
    root.route().handler(new ClientAddress(config)::handle);
    HealthRoutes.mount(root, readiness);
    DevMail.mountIfEnabled(root, config);
    root.route(BASE_PATH + "/*").handler(ctx -> HealthRoutes.gate(readiness, ctx));
    root.route(BASE_PATH + "/*").subRouter(api(vertx, config, caches));
    Console.mount(root);
    root.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413, 414, 415, 417, 431}) {
      root.errorHandler(status, ctx -> Problems.handle(ctx));
    }
    return root;
  }

  private static Router api(Vertx vertx, AtriumConfig config, ProcessCaches caches) {
    Router api = Router.router(vertx);
    // API answers are personal and some carry tokens or secrets: no cache, proxy or browser keeps any of them.
    api.route().handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.next();
    });
    // (One route for every method, so an unknown path stays 404 rather than a 405 from a method-only route.)
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.integer("http.bodyLimitBytes"));
    api.route().handler(ctx -> Protocol.readBody(ctx, bodies));
    api.get("/openapi.yaml").handler(OpenApiDocument::serve);
    Routes.mount(api, vertx, config, new BearerAuth(caches.authenticator()), caches);
    api.route().failureHandler(Problems::handle);
    return api;
  }

  /** Every {@code "METHOD /path"} under {@code /api/v1}, in the router's path syntax ({@code :id}). */
  public static List<String> apiRoutes(Vertx vertx, AtriumConfig config) {
    return api(vertx, config, ProcessCaches.create(null, Clock.systemUTC(), Invalidations.none())).getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null)
        .flatMap(route -> route.methods().stream().map(HttpMethod::name).map(m -> m + " " + route.getPath()))
        .toList();
  }
}
