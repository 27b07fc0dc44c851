package io.atrium.server.http;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Resolves {@code Authorization: Bearer <token>} (session or API token) to a {@link Caller}, or answers 401. */
public final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "Bearer ";
  private final Vertx vertx;

  public BearerAuth(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (Caller.known(ctx)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.length() > 512) {
      ctx.fail(Rejection.of(Codes.UNAUTHENTICATED, "A valid bearer token is required").failure());
      return;
    }
    String token = header.substring(PREFIX.length()).trim();
    Bus.request(vertx, IdentityAddresses.AUTHENTICATE, new JsonObject().put("token", token))
        .onSuccess(json -> {
          Caller.fromJson(json).attach(ctx);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
