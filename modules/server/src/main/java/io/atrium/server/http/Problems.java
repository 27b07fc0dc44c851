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

  private static final Map<String, Integer> STATUS_BY_CODE = Map.ofEntries(
      Map.entry(Codes.VALIDATION_FAILED, 400),
      Map.entry(Codes.UNAUTHENTICATED, 401),
      Map.entry(Codes.INVALID_CREDENTIALS, 401),
      Map.entry(Codes.SSO_REQUIRED, 401),
      Map.entry(Codes.MFA_REQUIRED, 401),
      Map.entry(Codes.INVALID_STATE, 400),
      Map.entry(Codes.SSO_FAILED, 401),
      Map.entry(Codes.PAYMENT_METHOD_REQUIRED, 402),
      Map.entry(Codes.INSUFFICIENT_CREDITS, 402),
      Map.entry(Codes.FORBIDDEN, 403),
      Map.entry(Codes.INSUFFICIENT_ACCESS, 403),
      Map.entry(Codes.NOT_FOUND, 404),
      Map.entry(Codes.METHOD_NOT_ALLOWED, 405),
      Map.entry(Codes.CONFLICT, 409),
      Map.entry(Codes.LAST_OWNER, 409),
      Map.entry(Codes.DOMAIN_UNVERIFIED, 409),
      Map.entry(Codes.INHERITED_ACCESS, 409),
      Map.entry(Codes.TOP_UP_PENDING, 409),
      Map.entry(Codes.BALANCE_NOT_ZERO, 409),
      Map.entry(Codes.GONE, 410),
      Map.entry(Codes.PAYLOAD_TOO_LARGE, 413),
      Map.entry(Codes.UNSUPPORTED_MEDIA_TYPE, 415),
      Map.entry(Codes.IDEMPOTENCY_KEY_REUSED, 422),
      Map.entry(Codes.RATE_LIMITED, 429),
      Map.entry(Codes.UNAVAILABLE, 503));

  private static final Map<Integer, String> CODE_BY_STATUS = Map.of(
      400, Codes.VALIDATION_FAILED,
      401, Codes.UNAUTHENTICATED,
      403, Codes.FORBIDDEN,
      404, Codes.NOT_FOUND,
      405, Codes.METHOD_NOT_ALLOWED,
      413, Codes.PAYLOAD_TOO_LARGE,
      415, Codes.UNSUPPORTED_MEDIA_TYPE);

  private Problems() {}

  public static int status(String code) {
    return STATUS_BY_CODE.getOrDefault(code, 500);
  }

  /** Router failure handler. */
  public static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    write(ctx, toRejection(ctx));
  }

  public static void write(RoutingContext ctx, Rejection rejection) {
    write(ctx, rejection, status(rejection.code()));
  }

  /** For a code whose status depends on where it is met ({@code mfa_required}: 401 at sign-in, 403 on an organization). */
  public static void write(RoutingContext ctx, Rejection rejection, int status) {
    JsonObject problem = new JsonObject()
        .put("type", "urn:atrium:problem:" + rejection.code())
        .put("title", title(status))
        .put("status", status)
        .put("detail", rejection.detail())
        .put("code", rejection.code())
        .put("errors", errorsOf(rejection));
    rejection.extensions().forEach(e -> problem.put(e.getKey(), e.getValue()));
    HttpServerResponse response = ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json");
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
    String code = CODE_BY_STATUS.getOrDefault(status, Codes.INTERNAL);
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
      case 415 -> "The body must be application/json";
      default -> "The server failed to answer; the request id names it in our logs";
    };
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }
}
