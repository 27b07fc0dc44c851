package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.UUID;

/** One delivery claimed for an attempt: where it goes, what it sends (the event's stored body) and the sealed secrets. */
record Attempt(UUID deliveryId, UUID endpointId, UUID eventId, int chainAttempts, String url, Buffer body,
               byte[] secret, byte[] previousSecret, Instant previousUntil) {

  static Attempt of(Row row) {
    Buffer previous = row.getBuffer("previous_secret");
    return new Attempt(row.getUUID("id"), row.getUUID("endpoint_id"), row.getUUID("event_id"), row.getInteger("chain_attempts"),
        row.getString("url"), Buffer.buffer(row.getString("body")), row.getBuffer("secret").getBytes(),
        previous == null ? null : previous.getBytes(), Times.fromDb(row, "previous_secret_until"));
  }
}
