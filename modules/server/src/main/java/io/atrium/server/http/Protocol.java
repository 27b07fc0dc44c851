package io.atrium.server.http;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests refused for their form, before any route: each answer is a problem document with a code, never an
 * empty body and never a 500.
 */
final class Protocol {

  private static final long CLOSE_DELAY_MILLIS = 1000;

  private Protocol() {}

  /** The server's invalid-request handler: a request line, header block or header value Netty could not take. */
  static void refuse(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    Rejection rejection = cause instanceof TooLongHttpLineException
        ? Rejection.of(Codes.URI_TOO_LONG, "The request line is longer than this server takes; shorten the URL")
        : cause instanceof TooLongHttpHeaderException
            ? Rejection.of(Codes.HEADERS_TOO_LARGE, "The request's headers are larger than this server takes")
            : Rejection.of(Codes.MALFORMED_REQUEST, "The request is not valid HTTP (a control character in a header, a bad request line, ...)");
    Problems.write(request.response().putHeader(HttpHeaders.CONNECTION, "close"), rejection);
    // Whatever follows on this connection cannot be framed right, so it closes; a moment later, so that a client
    // still sending gets to read the answer before the reset that closing on unread bytes causes.
    Context context = Vertx.currentContext();
    if (context == null) {
      request.connection().close();
    } else {
      context.owner().setTimer(CLOSE_DELAY_MILLIS, timer -> request.connection().close());
    }
  }

  /**
   * In front of the router: an HTTP/1.1 request needs a Host, and the router fails on a missing or empty one
   * before any handler of ours runs.
   */
  static Handler<HttpServerRequest> requireHost(Handler<HttpServerRequest> router) {
    return request -> {
      String host = request.getHeader(HttpHeaders.HOST);
      if (request.version() != HttpVersion.HTTP_1_0 && request.version() != HttpVersion.HTTP_2 && (host == null || host.isBlank())) {
        Problems.write(request.response().putHeader("X-Content-Type-Options", "nosniff"),
            Rejection.of(Codes.MALFORMED_REQUEST, "The Host header is missing or empty"));
        return;
      }
      router.handle(request);
    };
  }

  /** First route handler: nosniff everywhere, and an Expect this server understands. */
  static void check(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff");
    HttpServerRequest request = ctx.request();
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
      Problems.write(ctx, Rejection.of(Codes.EXPECTATION_FAILED, "Only the expectation 100-continue is supported"));
      return;
    }
    ctx.next();
  }

  /**
   * Reads the body of the methods that have one (a body on a GET, a form even, is ignored, never decoded).
   * Bodies are JSON: a body declared as anything else (a form, XML, another charset) is {@code 415} before it is
   * read, so no decoder for that type ever runs on it. A body without a type is read as JSON.
   */
  static void readBody(RoutingContext ctx, BodyHandler bodies) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH && method != HttpMethod.DELETE) {
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || type.isBlank() || isJson(type)) {
      bodies.handle(ctx);
      return;
    }
    Problems.write(ctx, Rejection.of(Codes.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json (UTF-8)"));
  }

  private static boolean isJson(String contentType) {
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].trim().equalsIgnoreCase("charset")
          && !(parameter.length == 2 && parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        return false;
      }
    }
    return true;
  }
}
