package io.atrium.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** Who is calling: the authenticated user and the token they used. */
public record Caller(UUID userId, String email, UUID tokenId, String tokenKind) {

  private static final String KEY = "caller";

  static Caller fromJson(JsonObject json) {
    return new Caller(UUID.fromString(json.getString("userId")), json.getString("email"),
        UUID.fromString(json.getString("tokenId")), json.getString("kind"));
  }

  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The start of every request a route sends a context: who asks ({@code userId}) and for which request id. */
  public static JsonObject request(RoutingContext ctx) {
    return new JsonObject().put("userId", of(ctx).userId().toString()).put("requestId", RequestIds.of(ctx));
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
