package io.atrium.webhooks.internal;

import io.atrium.platform.RequestFields;
import io.atrium.webhooks.WebhookEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The fields of a webhook request: each bad one named, down to the entry ({@code events[2]}). */
final class WebhookFields extends RequestFields {

  static final int MAX_WORKSPACES = 100;

  WebhookFields(JsonObject body) {
    super(body);
  }

  String url(WebhookUrls urls) {
    String problem = urls.problem(body.getValue("url"));
    return problem == null ? ((String) body.getValue("url")).trim() : error("url", problem);
  }

  /** One or more known event types, each once, in the order given. */
  List<String> events() {
    if (!(body.getValue("events") instanceof JsonArray array) || array.isEmpty() || array.size() > WebhookEvents.TYPES.size()) {
      return error("events", "must be a list of 1 to " + WebhookEvents.TYPES.size() + " event types");
    }
    Set<String> events = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object type = array.getValue(i);
      if (type instanceof String text && WebhookEvents.TYPES.contains(text)) {
        events.add(text);
      } else {
        error("events[" + i + "]", "must be one of " + String.join(", ", WebhookEvents.TYPES));
      }
    }
    return List.copyOf(events);
  }

  /** Absent or null: every workspace of the organization. */
  List<UUID> workspaceIds() {
    Object value = body.getValue("workspaceIds");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_WORKSPACES) {
      return error("workspaceIds", "must be a list of at most " + MAX_WORKSPACES + " workspace ids");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      UUID id = parseUuid(array.getValue(i));
      if (id == null) {
        error("workspaceIds[" + i + "]", "must be a workspace id (a UUID)");
      } else {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  Boolean enabled() {
    Object value = body.getValue("enabled");
    return value instanceof Boolean b ? b : error("enabled", "must be true or false");
  }
}
