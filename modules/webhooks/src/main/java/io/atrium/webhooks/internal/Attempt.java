package io.atrium.webhooks.internal;

import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.UUID;

/** One delivery claimed for an attempt: where it goes, what it sends (the event's stored body) and the sealed secrets. */
record Attempt(UUID deliveryId, UUID endpointId, UUID eventId, int chainAttempts, String url, Buffer body,
               byte[] secret, byte[] previousSecret, Instant previousUntil) {}
