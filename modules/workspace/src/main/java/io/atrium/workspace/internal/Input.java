package io.atrium.workspace.internal;

import io.atrium.platform.RequestFields;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The workspace context's request fields: the common ones of {@link RequestFields}, access levels and cursors. */
final class Input extends RequestFields {

  Input(JsonObject body) {
    super(body);
  }

  /** An id in the path (workspaceId, memberId, ...): malformed means there is no such thing. */
  UUID id(String field) {
    return pathId(field, field.replace("Id", ""));
  }

  Level level(String field) {
    Level level = Level.parse(body.getValue(field));
    return level != null ? level : error(field, "must be one of owner, admin, member, viewer");
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

}
