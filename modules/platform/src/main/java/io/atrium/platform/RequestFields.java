package io.atrium.platform;

import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads one request's fields on a context's side of the event bus, collecting every field error so one
 * rejection names them all. Ids that name something ({@link #pathId}) answer {@code not_found} when
 * malformed, so they cannot be probed. Each context extends it with the fields only it has.
 */
public class RequestFields {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  protected final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();
  private String unknown;

  protected RequestFields(JsonObject body) {
    this.body = body;
  }

  /** The caller's id, set by the server: malformed is a validation failure. */
  public UUID caller() {
    UUID id = parseUuid(body.getValue("userId"));
    return id != null ? id : error("userId", "must be a UUID");
  }

  /** An id from the path: malformed means there is no such {@code what}. */
  public UUID pathId(String field, String what) {
    UUID id = parseUuid(body.getValue(field));
    return id != null ? id : unknown(what);
  }

  /** A path value that cannot name anything (such as a malformed domain): the request is {@code not_found}. */
  public <T> T unknown(String what) {
    if (unknown == null) {
      unknown = what;
    }
    return null;
  }

  /** Trimmed text of min..max characters (code points). */
  public String text(String field, int min, int max) {
    String value = body.getValue(field) instanceof String s ? s.trim() : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= min && length <= max ? value : error(field, "must be " + min + " to " + max + " characters");
  }

  /** A string as given (tokens are checked, not validated). */
  public String string(String field) {
    return body.getValue(field) instanceof String s && !s.isEmpty() ? s : error(field, "is required");
  }

  /** Any string, the empty one too: a credential or token, checked (and refused as wrong) rather than validated. */
  public String given(String field) {
    return body.getValue(field) instanceof String s ? s : error(field, "is required");
  }

  /** An address by {@link EmailAddress}'s rule, in its canonical spelling. */
  public String email(String field) {
    return EmailAddress.parse(body.getValue(field) instanceof String s ? s : null).orElseGet(() -> error(field, "must be a plain email address (local@domain, at most 254 characters)"));
  }

  /** {@code limit}: 1..{@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
  public int limit() {
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

  /** The page key an opaque {@code cursor} holds, as {@code key} reads it; null for the first page. */
  public <K> K cursor(Function<List<String>, K> key) {
    return PageCursor.read(body, key, errors::add);
  }

  public boolean has(String field) {
    return body.getValue(field) != null;
  }

  /** Records a field error (also of a check made outside this class); answers null for the caller to return. */
  public <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  /** Succeeds when every field read was valid; a malformed path id is {@code not_found}, before any field error. */
  public Future<Void> validated() {
    if (unknown != null) {
      return Future.failedFuture(Rejection.notFound(unknown).failure());
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Rejection.invalid(errors).failure());
  }

  public static UUID parseUuid(Object value) {
    try {
      return value instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
