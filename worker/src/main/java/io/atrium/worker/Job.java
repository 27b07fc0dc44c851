package io.atrium.worker;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One billing job as delivered. {@code id} is the outbox message id: a handler stores it under a
 * unique constraint so that a redelivery (which {@code redelivered} hints at) changes nothing.
 */
public record Job(UUID id, String type, JsonObject payload, boolean redelivered) {}
