package io.atrium.platform;

import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.UUID;

/**
 * A message waiting in the outbox. {@code id} becomes the AMQP message id, which consumers use to
 * drop redeliveries; {@code exchange} is the logical name from {@code config/topology.json}.
 */
public record OutboxMessage(UUID id, String exchange, String routingKey, String type, JsonObject payload) {

  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }

  /** A billing job, routed to the partition of its workspace so one workspace's jobs stay in order. */
  public static OutboxMessage billingJob(UUID workspaceId, String type, JsonObject payload, int partitions) {
    String partition = Partitions.routingKey(Partitions.of(workspaceId, partitions));
    return new OutboxMessage(UUID.randomUUID(), Topology.BILLING_EXCHANGE, partition, type, payload);
  }
}
