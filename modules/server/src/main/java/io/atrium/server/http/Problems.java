package io.atrium.server.http;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The one failure handler: every error becomes RFC 9457 problem+json; no stack trace or SQL leaves. */
public final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  /** The code of a status Vert.x Web answers by itself (no route, wrong method, body too large, ...). */
  private static final Map<Integer, Codes> CODE_BY_STATUS = Map.of(
      400, Codes.VALIDATION_FAILED,
      401, Codes.UNAUTHENTICATED,
      403, Codes.FORBIDDEN,
      404, Codes.NOT_FOUND,
      405, Codes.METHOD_NOT_ALLOWED,
      413, Codes.PAYLOAD_TOO_LARGE,
      414, Codes.URI_TOO_LONG,
      415, Codes.UNSUPPORTED_MEDIA_TYPE,
      417, Codes.EXPECTATION_FAILED,
      431, Codes.HEADERS_TOO_LARGE);

  private Problems() {}

  /** Router failure handler. */
  public static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    write(ctx, toRejection(ctx));
  }

  public static void write(RoutingContext ctx, Rejection rejection) {
    write(ctx.response(), rejection);
  }

  /** Also for requests no router sees (see {@link Protocol}). */
  public static void write(HttpServerResponse out, Rejection rejection) {
    int status = rejection.code().status();
    JsonObject problem = new JsonObject()
        .put("type", "urn:atrium:problem:" + rejection.code().value())
        .put("title", rejection.code().title())
        .put("status", status)
        .put("detail", rejection.detail())
        .put("code", rejection.code().value())
        .put("errors", errorsOf(rejection));
    rejection.extensions().forEach(e -> problem.put(e.getKey(), e.getValue()));
    HttpServerResponse response = out.setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json").putHeader("X-Content-Type-Options", "nosniff");
    if (rejection.extensions().containsKey("retryAfter")) {
      response.putHeader("Retry-After", String.valueOf(rejection.extensions().getValue("retryAfter")));
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(problem.encode());
  }

  private static Rejection toRejection(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Rejected rejected) {
      return rejected.rejection();
    }
    if (failure instanceof DecodeException) {
      return Rejection.invalid("body", "is not valid JSON");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure != null && !(failure instanceof HttpException)) {
      log.error("request {} {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), failure);
      return Rejection.of(Codes.INTERNAL, "The server failed to answer; the request id names it in our logs");
    }
    Codes code = CODE_BY_STATUS.getOrDefault(status, Codes.INTERNAL);
    return Rejection.of(code, defaultDetail(status));
  }

  private static JsonArray errorsOf(Rejection rejection) {
    JsonArray errors = new JsonArray();
    rejection.errors().forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("message", e.message())));
    return errors;
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 401 -> "A valid bearer token is required";
      case 404 -> "No such resource";
      case 405 -> "That method is not allowed here";
      case 413 -> "The request body is too large";
      case 414 -> "The request's URL is too long";
      case 415 -> "The body must be application/json";
      case 417 -> "Only the expectation 100-continue is supported";
      case 431 -> "The request's headers are too large";
      default -> "The server failed to answer; the request id names it in our logs";
    };
  }
}
