package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Money;
import io.atrium.platform.RequestFields;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** The billing context's request fields: the common ones of {@link RequestFields}, money, instants, cursors and the idempotency key. */
final class Input extends RequestFields {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  Input(JsonObject body) {
    super(body);
  }

  /** An id in the path: malformed means there is no such thing. */
  UUID id(String field) {
    return pathId(field, field.replace("Id", ""));
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
}
