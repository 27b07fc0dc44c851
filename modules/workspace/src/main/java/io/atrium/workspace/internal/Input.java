package io.atrium.workspace.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one request's fields, collecting every field error so one rejection names them all. Ids that
 * name something ({@link #id}) answer {@code not_found} when malformed, so they cannot be probed.
 */
final class Input {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();
  private String unknown;

  Input(JsonObject body) {
    this.body = body;
  }

  /** The caller, set by the server: malformed is a validation failure. */
  UUID caller() {
    UUID id = parseUuid(body.getValue("userId"));
    return id != null ? id : error("userId", "must be a UUID");
  }

  /** An id in the path (workspaceId, memberId, ...): malformed means there is no such thing. */
  UUID id(String field) {
    UUID id = parseUuid(body.getValue(field));
    if (id == null && unknown == null) {
      unknown = field;
    }
    return id;
  }

  /** Trimmed text of min..max characters (code points). */
  String text(String field, int min, int max) {
    String value = body.getValue(field) instanceof String s ? s.trim() : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= min && length <= max ? value : error(field, "must be " + min + " to " + max + " characters");
  }

  /** A string as given (tokens are checked, not validated). */
  String string(String field) {
    return body.getValue(field) instanceof String s && !s.isEmpty() ? s : error(field, "is required");
  }

  String email(String field) {
    String value = text(field, 3, 254);
    return value == null || EMAIL.matcher(value).matches() ? value : error(field, "must be an email address");
  }

  Level level(String field) {
    Level level = Level.parse(body.getValue(field));
    return level != null ? level : error(field, "must be one of owner, admin, member, viewer");
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

  /** The page key a {@code cursor} holds, parsed by {@code parse}; null when absent; an error when not ours. */
  <T> T cursor(Function<List<String>, T> parse) {
    Object value = body.getValue("cursor");
    if (value == null) {
      return null;
    }
    try {
      T key = parse.apply(Cursor.decode((String) value));
      return key != null ? key : error("cursor", "is not a valid cursor");
    } catch (RuntimeException e) {
      return error("cursor", "is not a valid cursor");
    }
  }

  boolean has(String field) {
    return body.getValue(field) != null;
  }

  /** Records a field error of a check made outside this class. */
  <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  /** Succeeds when every field read was valid; a malformed id is {@code not_found}, before any field error. */
  Future<Void> validated() {
    if (unknown != null) {
      return Future.failedFuture(Rejection.notFound(unknown.replace("Id", "")).failure());
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Rejection.invalid(errors).failure());
  }

  static UUID parseUuid(Object value) {
    try {
      return value instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
