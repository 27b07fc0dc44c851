package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.RequestFields;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The workspace context's request fields: the common ones of {@link RequestFields}, access levels. */
final class Input extends RequestFields {

  Input(JsonObject body) {
    super(body);
  }

  /** An id in the path (workspaceId, memberId, ...): malformed means there is no such thing. */
  UUID id(String field) {
    return pathId(field, field.replace("Id", ""));
  }

  AccessLevel level(String field) {
    AccessLevel level = AccessLevel.parse(body.getValue(field));
    return level != null ? level : error(field, "must be one of owner, admin, member, billing, viewer");
  }
}
