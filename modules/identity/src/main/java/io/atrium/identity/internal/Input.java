package io.atrium.identity.internal;

import io.atrium.platform.RequestFields;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One request's fields as identity reads them: the platform's reader, with passwords, ids, numbers and expiry dates. */
final class Input extends RequestFields {

  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 256;

  Input(JsonObject body) {
    super(body);
  }

  /** Whether the field was sent at all, even as null (a null name is refused, not ignored). */
  boolean sent(String field) {
    return body.containsKey(field);
  }

  /** A new password: 12..256 characters, taken as given (spaces count). */
  String newPassword(String field) {
    String value = body.getValue(field) instanceof String s ? s : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= MIN_PASSWORD && length <= MAX_PASSWORD
        ? value : error(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
  }

  UUID uuid(String field) {
    UUID id = parseUuid(body.getValue(field));
    return id != null ? id : error(field, "must be a UUID");
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
}
