package io.atrium.server.http;

import io.atrium.identity.Authenticator;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Resolves {@code Authorization: Bearer <token>} (session or API token) to a {@link Caller}, or answers 401. */
public final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "Bearer ";
  private final Authenticator authenticator;

  public BearerAuth(Authenticator authenticator) {
    this.authenticator = authenticator;
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
    authenticator.authenticate(token)
        .onSuccess(found -> {
          Caller.of(found).attach(ctx);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
