package io.atrium.server.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id (a sane incoming {@code X-Request-Id} or a new one), echoes it and logs the request with it. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger log = LoggerFactory.getLogger("atrium.access");

  private RequestIds() {}

  public static void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    long started = System.nanoTime();
    ctx.addEndHandler(done -> {
      // In the MDC for the line's duration, so ATRIUM_LOG_FORMAT=json carries it as a field of its own.
      MDC.put(KEY, id);
      log.info("{} {} {} {} {}ms", id, ctx.request().method(), ctx.request().path(),
          ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
      MDC.remove(KEY);
    });
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
