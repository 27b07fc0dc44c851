package io.atrium.webhooks.internal;

import io.atrium.billing.BillingEvents;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.Topology;
import io.atrium.platform.UnitOfWork;
import io.atrium.webhooks.WebhookEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@code webhook.test} event for one endpoint. It takes the path every event takes (outbox, the events exchange,
 * the fan-out queue), so a test that arrives shows that the whole way works.
 */
final class SendTestEvent {

  /** Its routing key: under the billing events' prefix, so the one binding {@code webhook-event.#} carries both. */
  static final String ROUTING_KEY = BillingEvents.ROUTING_PREFIX + WebhookEvents.TEST;

  private final UnitOfWork<WebhookTables> storage;
  private final WebhookAccess access;
  private final Clock clock;
  private final ManualSends limit;

  SendTestEvent(UnitOfWork<WebhookTables> storage, WebhookAccess access, Clock clock, ManualSends limit) {
    this.limit = limit;
    this.storage = storage;
    this.access = access;
    this.clock = clock;
  }

  Future<JsonObject> send(JsonObject request) {
    Target target = Target.of(request);
    return target.fields().validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> {
          if (!found.enabled()) {
            return Future.failedFuture(Rejection.conflict("the webhook is disabled: enable it first (PATCH enabled: true)").failure());
          }
          return limit.count(found.id()).map(counted -> found);
        })
        .compose(found -> {
          UUID eventId = UUID.randomUUID();
          Instant now = Times.now(clock);
          JsonObject payload = new JsonObject().put("id", eventId.toString()).put("type", WebhookEvents.TEST)
              .put("timestamp", Times.text(now)).put("organizationId", found.organizationId().toString())
              .put("endpointId", found.id().toString())
              .put("data", new JsonObject().put("webhookId", found.id().toString()).put("message", "A test event from Atrium"));
          OutboxMessage message = new OutboxMessage(eventId, Topology.EVENTS_EXCHANGE, ROUTING_KEY, WebhookEvents.TEST, payload);
          return storage.transaction((tables, outgoing) -> outgoing.send(message)).map(sent -> new JsonObject().put("eventId", eventId.toString()));
        });
  }
}
