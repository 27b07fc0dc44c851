package io.atrium.server.routes;

import io.atrium.platform.Rejection;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** Path parameters. An id that is not a UUID cannot name anything: it answers 404, as a foreign id does. */
final class Paths {

  private Paths() {}

  static String uuid(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      return UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      throw Rejection.notFound("resource").failure();
    }
  }
}
