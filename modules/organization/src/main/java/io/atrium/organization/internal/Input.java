package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.EmailAddress;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection.FieldError;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * One request's fields. Invalid ones are collected so a single {@code validation_failed} names them all;
 * resource ids that cannot exist ({@link #resourceId}) are remembered apart, so they answer {@code not_found}.
 */
final class Input {

  static final int MAX_NAME = 200;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final int MAX_REQUEST_ID = 255;

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();
  private String unknownResource;

  Input(JsonObject body) {
    this.body = body;
  }

  /** The caller or another user: a UUID, else a field error. */
  UUID userId(String field) {
    UUID id = parseUuid(body.getValue(field));
    return id != null ? id : error(field, "must be a UUID");
  }

  /** The id of an organization, member or invitation: one that cannot exist makes the request {@code not_found}. */
  UUID resourceId(String field, String what) {
    UUID id = parseUuid(body.getValue(field));
    if (id == null && unknownResource == null) {
      unknownResource = what;
    }
    return id;
  }

  /** A path value that cannot name anything (such as a malformed domain): the request is {@code not_found}. */
  <T> T unknown(String what) {
    if (unknownResource == null) {
      unknownResource = what;
    }
    return null;
  }

  String name(String field) {
    String value = body.getValue(field) instanceof String s ? s.trim() : null;
    int length = value == null ? -1 : value.codePointCount(0, value.length());
    return length >= 1 && length <= MAX_NAME ? value : error(field, "must be 1 to " + MAX_NAME + " characters");
  }

  /** An email address, lower-cased. */
  String email(String field) {
    return EmailAddress.parse(body.getValue(field) instanceof String s ? s : null).map(a -> a.toLowerCase(Locale.ROOT))
        .orElseGet(() -> error(field, "must be a plain email address (local@domain, at most 254 characters)"));
  }

  OrganizationRole role(String field) {
    OrganizationRole role = OrganizationRole.parse(body.getValue(field));
    return role != null ? role : error(field, "must be one of owner, admin, member");
  }

  String string(String field) {
    return body.getValue(field) instanceof String s ? s : error(field, "is required");
  }

  /** The optional {@code requestId} recorded in the audit log. */
  String requestId() {
    Object value = body.getValue("requestId");
    if (value == null) {
      return null;
    }
    boolean valid = value instanceof String s && !s.isEmpty() && s.length() <= MAX_REQUEST_ID;
    return valid ? (String) value : error("requestId", "must be 1 to " + MAX_REQUEST_ID + " characters");
  }

  int limit() {
    return limit(DEFAULT_LIMIT, MAX_LIMIT);
  }

  int limit(int fallback, int max) {
    Object value = body.getValue("limit");
    if (value == null) {
      return fallback;
    }
    long number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : 0;
    return number >= 1 && number <= max ? (int) number : this.<Integer>orError("limit", "must be an integer from 1 to " + max, fallback);
  }

  /** The position an opaque {@code cursor} names, or null for the first page. */
  <K> K cursor(Function<List<String>, K> key) {
    return PageCursor.read(body, key, errors::add);
  }

  <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  private <T> T orError(String field, String message, T fallback) {
    error(field, message);
    return fallback;
  }

  /** Field errors first ({@code validation_failed}), then an id that cannot exist ({@code not_found}). */
  Future<Void> validated() {
    if (!errors.isEmpty()) {
      return Future.failedFuture(Rejection.invalid(errors).failure());
    }
    return unknownResource == null ? Future.succeededFuture() : Future.failedFuture(Rejection.notFound(unknownResource).failure());
  }

  private static UUID parseUuid(Object value) {
    try {
      return value instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
