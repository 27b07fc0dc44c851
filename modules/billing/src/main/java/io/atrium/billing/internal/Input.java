package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Money;
import io.atrium.platform.Rejection;
import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one request's fields, collecting every field error so one rejection names them all. Ids that name
 * something ({@link #id}) answer {@code not_found} when malformed, so they cannot be probed.
 */
final class Input {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();
  private String unknown;

  Input(JsonObject body) {
    this.body = body;
  }

  UUID caller() {
    UUID id = uuid(body.getValue("userId"));
    return id != null ? id : error("userId", "must be a UUID");
  }

  /** An id in the path: malformed means there is no such thing. */
  UUID id(String field) {
    UUID id = uuid(body.getValue(field));
    if (id == null && unknown == null) {
      unknown = field;
    }
    return id;
  }

  /** A money string within [min, max] micro-units; {@code name} is the field as the client knows it. */
  Long money(Object value, String name, long min, long max) {
    if (!(value instanceof String text)) {
      return error(name, "is required: a decimal string like \"12.50\"");
    }
    try {
      long micros = Money.parse(text);
      return micros >= min && micros <= max ? micros
          : error(name, "must be from " + Money.format(min) + " to " + Money.format(max));
    } catch (IllegalArgumentException e) {
      return error(name, e.getMessage());
    }
  }

  Long money(String field, long min, long max) {
    return money(body.getValue(field), field, min, max);
  }

  /** Trimmed text of min..max characters. */
  String text(String field, int min, int max) {
    String value = body.getValue(field) instanceof String s ? s.trim() : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= min && length <= max ? value : error(field, "must be " + min + " to " + max + " characters");
  }

  String email(String field) {
    String value = text(field, 3, 254);
    return value == null || EMAIL.matcher(value).matches() ? value : error(field, "must be an email address");
  }

  /** An RFC 3339 timestamp, or null when absent. */
  Instant instant(String field) {
    Object value = body.getValue(field);
    return value == null ? null : instant(value, field);
  }

  Instant instant(Object value, String name) {
    try {
      return Times.parse((String) value);
    } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
      return error(name, "must be an RFC 3339 timestamp like \"2030-01-31T12:00:00Z\"");
    }
  }

  /** The {@code Idempotency-Key} header the route passed on, or null; 1..255 characters. */
  String idempotencyKey() {
    Object value = body.getValue("idempotencyKey");
    if (value == null) {
      return null;
    }
    return value instanceof String s && !s.isEmpty() && s.length() <= 255 ? s : error(IDEMPOTENCY_KEY, "must be 1 to 255 characters");
  }

  int limit() {
    Object value = body.getValue("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    long number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : -1;
    if (number < 1 || number > MAX_LIMIT) {
      error("limit", "must be an integer from 1 to " + MAX_LIMIT);
      return DEFAULT_LIMIT;
    }
    return (int) number;
  }

  /** The cursor's parts, or null when absent. */
  List<String> cursor() {
    Object value = body.getValue("cursor");
    if (value == null) {
      return null;
    }
    try {
      return Cursor.decode((String) value);
    } catch (RuntimeException e) {
      return error("cursor", "is not a valid cursor");
    }
  }

  <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  Future<Void> validated() {
    if (unknown != null) {
      return Future.failedFuture(Rejection.notFound(unknown.replace("Id", "")).failure());
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Rejection.invalid(errors).failure());
  }

  static UUID uuid(Object value) {
    try {
      return value instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
