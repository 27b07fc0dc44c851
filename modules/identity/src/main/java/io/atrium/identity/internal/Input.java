package io.atrium.identity.internal;

import io.atrium.platform.EmailAddress;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.atrium.platform.Rejection;
import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads one request's fields, collecting every field error so one rejection can name them all. */
final class Input {

  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 256;

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();

  Input(JsonObject body) {
    this.body = body;
  }

  boolean has(String field) {
    return body.containsKey(field);
  }

  /** Trimmed text of min..max characters (code points). */
  String text(String field, int min, int max) {
    String value = body.getValue(field) instanceof String s ? s.trim() : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= min && length <= max ? value : error(field, "must be " + min + " to " + max + " characters");
  }

  /** Any string as given, for credentials that are checked rather than validated. */
  String string(String field) {
    return body.getValue(field) instanceof String s ? s : error(field, "is required");
  }

  /** An address by {@link EmailAddress}'s rule, in its canonical spelling. */
  String email(String field) {
    return EmailAddress.parse(body.getValue(field) instanceof String s ? s : null).orElseGet(() -> error(field, "must be a plain email address (local@domain, at most 254 characters)"));
  }

  /** A new password: 12..256 characters, taken as given (spaces count). */
  String newPassword(String field) {
    String value = body.getValue(field) instanceof String s ? s : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= MIN_PASSWORD && length <= MAX_PASSWORD
        ? value : error(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
  }

  UUID uuid(String field) {
    try {
      if (body.getValue(field) instanceof String s && s.length() == 36) {
        return UUID.fromString(s);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the field error
    }
    return error(field, "must be a UUID");
  }

  int integer(String field, int min, int max, int fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    boolean whole = value instanceof Integer || value instanceof Long;
    long number = whole ? ((Number) value).longValue() : Long.MIN_VALUE;
    if (number < min || number > max) {
      error(field, "must be an integer from " + min + " to " + max);
      return fallback;
    }
    return (int) number;
  }

  /** An RFC 3339 timestamp strictly after {@code now}, or null when absent or null. */
  Instant futureInstant(String field, Instant now) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    try {
      Instant instant = Times.parse((String) value).truncatedTo(ChronoUnit.MICROS);
      return instant.isAfter(now) ? instant : error(field, "must be in the future");
    } catch (ClassCastException | DateTimeParseException e) {
      return error(field, "must be an RFC 3339 timestamp");
    }
  }

  /** The page key an opaque {@code cursor} holds, as {@code key} reads it; null for the first page. */
  <K> K cursor(Function<List<String>, K> key) {
    return PageCursor.read(body, key, errors::add);
  }

  /** Records a field error of a check made outside this class. */
  <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  /** Succeeds when every field read so far was valid; otherwise one validation rejection naming them all. */
  Future<Void> validated() {
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Rejection.invalid(errors).failure());
  }
}
