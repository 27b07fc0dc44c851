package io.atrium.webhooks.internal;

import io.atrium.platform.RequestFields;
import io.atrium.platform.Times;
import io.atrium.webhooks.WebhookEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * One event from the fan-out queue: stored once, its body {@code {type, timestamp, data}} fixed as the bytes every
 * delivery signs and sends, and one pending delivery per endpoint that takes it, in one transaction. A message
 * given twice changes nothing the second time.
 */
public final class FanOut {

  private final Pool pool;
  private final Clock clock;

  FanOut(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Answers how many deliveries are new; fails with {@link IllegalArgumentException} for a message that is no event. */
  public Future<Integer> handle(JsonObject event) {
    UUID id = RequestFields.parseUuid(event.getValue("id"));
    UUID organizationId = RequestFields.parseUuid(event.getValue("organizationId"));
    String type = event.getValue("type") instanceof String s ? s : null;
    JsonObject data = event.getValue("data") instanceof JsonObject d ? d : null;
    if (id == null || organizationId == null || !WebhookEvents.TYPES.contains(type) || data == null
        || !(event.getValue("timestamp") instanceof String timestamp)) {
      return Future.failedFuture(new IllegalArgumentException("not a webhook event: " + event.fieldNames()));
    }
    String body = new JsonObject().put("type", type).put("timestamp", timestamp).put("data", data).encode();
    UUID workspaceId = RequestFields.parseUuid(data.getValue("workspaceId"));
    UUID testEndpoint = WebhookEvents.TEST.equals(type) ? RequestFields.parseUuid(event.getValue("endpointId")) : null;
    return pool.withTransaction(tx -> {
      Future<List<UUID>> endpoints = testEndpoint != null
          ? new Endpoints(tx).find(organizationId, testEndpoint).map(found -> found == null ? List.<UUID>of() : List.of(found.id()))
          : new Endpoints(tx).subscribed(organizationId, type, workspaceId);
      return endpoints.compose(ids -> ids.isEmpty() ? Future.succeededFuture(0)
          : new Deliveries(tx).insertEvent(id, organizationId, type, body, Times.now(clock))
              .compose(stored -> new Deliveries(tx).insertDeliveries(id, ids, Times.now(clock))));
    });
  }
}
