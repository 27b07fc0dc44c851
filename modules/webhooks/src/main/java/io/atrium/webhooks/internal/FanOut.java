package io.atrium.webhooks.internal;

import io.atrium.platform.RequestFields;
import io.atrium.platform.Times;
import io.atrium.webhooks.WebhookEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Events from the fan-out queue: each stored once, its body {@code {type, timestamp, data}} fixed as the bytes every
 * delivery signs and sends, and one pending delivery per endpoint that takes it; a batch of events in one
 * transaction. A message given twice changes nothing the second time.
 */
public final class FanOut {

  private final Pool pool;
  private final Clock clock;

  FanOut(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** An event as the queue carries it, checked; {@link IllegalArgumentException} for a message that is no event. */
  public record Event(UUID id, UUID organizationId, String type, String body, UUID workspaceId, UUID testEndpoint) {

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
      return new Event(id, organizationId, type, body, RequestFields.parseUuid(data.getValue("workspaceId")),
          WebhookEvents.TEST.equals(type) ? RequestFields.parseUuid(event.getValue("endpointId")) : null);
    }
  }

  /** Several events in one transaction (one commit for all); answers how many deliveries are new. */
  public Future<Integer> handle(List<Event> events) {
    return pool.withTransaction(tx -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Event event : events) {
        chain = chain.compose(sum -> one(tx, event).map(added -> sum + added));
      }
      return chain;
    });
  }

  private Future<Integer> one(SqlConnection tx, Event event) {
    Future<List<UUID>> endpoints = event.testEndpoint() != null
        ? new Endpoints(tx).find(event.organizationId(), event.testEndpoint()).map(found -> found == null ? List.<UUID>of() : List.of(found.id()))
        : new Endpoints(tx).subscribed(event.organizationId(), event.type(), event.workspaceId());
    return endpoints.compose(ids -> ids.isEmpty() ? Future.succeededFuture(0)
        : new Deliveries(tx).insertEvent(event.id(), event.organizationId(), event.type(), event.body(), Times.now(clock))
            .compose(stored -> new Deliveries(tx).insertDeliveries(event.id(), ids, Times.now(clock))));
  }
}
