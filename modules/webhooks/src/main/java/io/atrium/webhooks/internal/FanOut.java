package io.atrium.webhooks.internal;

import io.atrium.platform.RequestFields;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.atrium.webhooks.WebhookEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Events from the fan-out queue: each stored once, its body {@code {type, timestamp, data}} fixed as the bytes every
 * delivery signs and sends, and one pending delivery per endpoint that takes it; a batch of events in one
 * transaction of three statements. A message given twice changes nothing the second time.
 */
public final class FanOut {

  private final UnitOfWork<WebhookTables> storage;
  private final Clock clock;

  FanOut(UnitOfWork<WebhookTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** An event as the queue carries it, checked; {@link IllegalArgumentException} for a message that is no event. */
  public record Event(UUID id, UUID organizationId, String type, String body, List<UUID> workspaceIds, UUID testEndpoint) {

    public static Event of(JsonObject event) {
      UUID id = RequestFields.parseUuid(event.getValue("id"));
      UUID organizationId = RequestFields.parseUuid(event.getValue("organizationId"));
      String type = event.getValue("type") instanceof String s ? s : null;
      JsonObject data = event.getValue("data") instanceof JsonObject d ? d : null;
      if (id == null || organizationId == null || !WebhookEvents.TYPES.contains(type) || data == null
          || !(event.getValue("timestamp") instanceof String timestamp)) {
        throw new IllegalArgumentException("not a webhook event: " + event.fieldNames());
      }
      String body = new JsonObject().put("type", type).put("timestamp", timestamp).put("data", data).encode();
      return new Event(id, organizationId, type, body, workspaces(data),
          WebhookEvents.TEST.equals(type) ? RequestFields.parseUuid(event.getValue("endpointId")) : null);
    }
  }

  /** The workspaces an event is about: {@code data.workspaceId}, or {@code data.workspaceIds} (an invoice's); none: the organization's. */
  private static List<UUID> workspaces(JsonObject data) {
    UUID one = RequestFields.parseUuid(data.getValue("workspaceId"));
    if (one != null) {
      return List.of(one);
    }
    List<UUID> ids = new ArrayList<>();
    if (data.getValue("workspaceIds") instanceof io.vertx.core.json.JsonArray list) {
      list.forEach(value -> {
        UUID id = RequestFields.parseUuid(value);
        if (id != null) {
          ids.add(id);
        }
      });
    }
    return List.copyOf(ids);
  }

  /**
   * Several events in one transaction (one commit for all) and three statements whatever their number: the endpoints of
   * their organizations read once, matched here, then the events and their deliveries each written in one statement.
   * Answers how many deliveries are new.
   */
  public Future<Integer> handle(List<Event> events) {
    Set<UUID> organizations = new HashSet<>();
    Set<UUID> tested = new HashSet<>();
    events.forEach(event -> {
      organizations.add(event.organizationId());
      if (event.testEndpoint() != null) {
        tested.add(event.testEndpoint());
      }
    });
    return storage.transaction(tables -> tables.endpoints().ofOrganizations(organizations, tested).compose(endpoints -> {
      List<Event> stored = new ArrayList<>();
      List<UUID> deliveryEvents = new ArrayList<>();
      List<UUID> deliveryEndpoints = new ArrayList<>();
      // Rows go in (event, endpoint) order, so two processes fanning out overlapping batches wait instead of deadlocking.
      for (Event event : events.stream().sorted(Comparator.comparing(Event::id)).toList()) {
        List<UUID> targets = endpoints.stream().filter(endpoint -> takes(endpoint, event)).map(Endpoint::id).sorted().toList();
        if (!targets.isEmpty()) {
          stored.add(event);
          targets.forEach(endpoint -> {
            deliveryEvents.add(event.id());
            deliveryEndpoints.add(endpoint);
          });
        }
      }
      if (stored.isEmpty()) {
        return Future.succeededFuture(0);
      }
      Deliveries deliveries = tables.deliveries();
      Instant now = Times.now(clock);
      return deliveries.insertEvents(stored, now).compose(done -> deliveries.insertDeliveries(deliveryEvents, deliveryEndpoints, now));
    }));
  }

  /**
   * A test event: only the endpoint it names, of its organization. Any other: the organization's enabled endpoints
   * subscribed to its type; one limited to workspaces only when one of the event's is among them (no workspace: every
   * subscribed endpoint).
   */
  private static boolean takes(Endpoint endpoint, Event event) {
    if (!endpoint.organizationId().equals(event.organizationId())) {
      return false;
    }
    if (event.testEndpoint() != null) {
      return endpoint.id().equals(event.testEndpoint());
    }
    return endpoint.enabled() && endpoint.events().contains(event.type())
        && (event.workspaceIds().isEmpty() || endpoint.workspaceIds().isEmpty() || event.workspaceIds().stream().anyMatch(endpoint.workspaceIds()::contains));
  }
}
