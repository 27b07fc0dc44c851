package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.EmailAddress;
import io.atrium.platform.RequestFields;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.UUID;

/**
 * One request's fields as organization reads them: the platform's reader (field errors collected, an id that cannot
 * exist answering {@code not_found}), with names, roles, lower-cased addresses and request ids.
 */
final class Input extends RequestFields {

  static final int MAX_NAME = 200;
  private static final int MAX_REQUEST_ID = 255;

  Input(JsonObject body) {
    super(body);
  }

  /** The caller or another user: a UUID, else a field error. */
  UUID userId(String field) {
    UUID id = parseUuid(body.getValue(field));
    return id != null ? id : error(field, "must be a UUID");
  }

  String name(String field) {
    return text(field, 1, MAX_NAME);
  }

  /** An email address, lower-cased: invitations and SSO domains match addresses whatever their case. */
  String lowerCaseEmail(String field) {
    return EmailAddress.parse(body.getValue(field) instanceof String s ? s : null).map(a -> a.toLowerCase(Locale.ROOT))
        .orElseGet(() -> error(field, "must be a plain email address (local@domain, at most 254 characters)"));
  }

  OrganizationRole role(String field) {
    OrganizationRole role = OrganizationRole.parse(body.getValue(field));
    return role != null ? role : error(field, "must be one of owner, admin, member");
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

  int limit(int fallback, int max) {
    Object value = body.getValue("limit");
    if (value == null) {
      return fallback;
    }
    long number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : 0;
    if (number < 1 || number > max) {
      error("limit", "must be an integer from 1 to " + max);
      return fallback;
    }
    return (int) number;
  }
}
