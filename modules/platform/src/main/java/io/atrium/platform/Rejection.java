package io.atrium.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A business rejection: a value with a stable machine {@code code} (see {@link Codes}), a human
 * {@code detail}, optional field errors and optional extension members (such as {@code retryAfter}
 * seconds). Contexts answer with it; only the server maps it to HTTP.
 */
public record Rejection(Codes code, String detail, List<FieldError> errors, JsonObject extensions) {

  public record FieldError(String field, String message) {}

  public Rejection {
    java.util.Objects.requireNonNull(code, "code");
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions = extensions == null ? new JsonObject() : extensions.copy();
  }

  public Rejection(Codes code, String detail, List<FieldError> errors) {
    this(code, detail, errors, null);
  }

  public static Rejection of(Codes code, String detail) {
    return new Rejection(code, detail, List.of());
  }

  /** The same rejection with one more extension member. */
  public Rejection with(String member, Object value) {
    return new Rejection(code, detail, errors, extensions.copy().put(member, value));
  }

  public static Rejection notFound(String what) {
    return of(Codes.NOT_FOUND, what + " not found");
  }

  public static Rejection conflict(String detail) {
    return of(Codes.CONFLICT, detail);
  }

  public static Rejection invalid(String field, String message) {
    return new Rejection(Codes.VALIDATION_FAILED, field + ": " + message, List.of(new FieldError(field, message)));
  }

  public static Rejection invalid(List<FieldError> errors) {
    String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
    return new Rejection(Codes.VALIDATION_FAILED, detail, errors);
  }

  /** This rejection as a failed future's cause. */
  public Rejected failure() {
    return new Rejected(this);
  }

  public JsonObject toJson() {
    JsonArray fieldErrors = new JsonArray();
    errors.forEach(e -> fieldErrors.add(new JsonObject().put("field", e.field()).put("message", e.message())));
    // "constant" tells apart two constants that share one machine string (mfa_required: 401 or 403).
    return new JsonObject().put("code", code.value()).put("constant", code.name()).put("detail", detail).put("errors", fieldErrors)
        .put("extensions", extensions);
  }

  public static Rejection fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("errors", new JsonArray());
    List<FieldError> fieldErrors = array.stream()
        .map(JsonObject.class::cast)
        .map(o -> new FieldError(o.getString("field"), o.getString("message")))
        .toList();
    return new Rejection(codeOf(json), json.getString("detail"), fieldErrors, json.getJsonObject("extensions"));
  }

  private static Codes codeOf(JsonObject json) {
    Codes byValue = Codes.of(json.getString("code"));
    String constant = json.getString("constant");
    if (constant != null) {
      for (Codes code : Codes.values()) {
        if (code.name().equals(constant) && code.value().equals(byValue.value())) {
          return code;
        }
      }
    }
    return byValue;
  }
}
