package io.atrium.server.http;

import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The {@code ?limit=} (1..200, default 50) and {@code ?cursor=} of every list. */
public final class Paging {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private Paging() {}

  public static JsonObject of(RoutingContext ctx) {
    JsonObject paging = new JsonObject().put("limit", limit(ctx.queryParams().get("limit")));
    String cursor = ctx.queryParams().get("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      if (cursor.length() > 512) {
        throw Rejection.invalid("cursor", "is not a cursor this API gave out").failure();
      }
      paging.put("cursor", cursor);
    }
    return paging;
  }

  private static int limit(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // answered below like an out-of-range number
    }
    throw Rejection.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT).failure();
  }
}
