package io.atrium.server.http;

import io.atrium.identity.AuthenticatedCaller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * Who is calling: the authenticated user (their email and name), the token they used, and whether their email is
 * verified and two-factor sign-in on. As fresh as the token cache: a change to any of it evicts the user's entries.
 */
public record Caller(UUID userId, String email, String name, UUID tokenId, String tokenKind, boolean emailVerified,
                     boolean mfaEnabled) {

  private static final String KEY = "caller";

  static Caller of(AuthenticatedCaller found) {
    return new Caller(found.userId(), found.email(), found.name(), found.tokenId(), found.tokenKind(), found.emailVerified(),
        found.mfaEnabled());
  }

  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The start of every request a route sends a context: who asks ({@code userId}) and for which request id. */
  public static JsonObject request(RoutingContext ctx) {
    return new JsonObject().put("userId", of(ctx).userId().toString()).put("requestId", RequestIds.of(ctx));
  }

  /** Whether {@link BearerAuth} already ran for this request (a gate before the route's own handlers). */
  static boolean known(RoutingContext ctx) {
    return ctx.get(KEY) != null;
  }

  /** The caller of a route behind {@link BearerAuth}. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("route " + ctx.request().path() + " is not behind BearerAuth");
    }
    return caller;
  }
}
