package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;

/** Port: the Idempotency-Keys seen, each with its request's hash and the first answer. */
interface IdempotencyKeys {

  record Stored(byte[] requestHash, int status, JsonObject response) {}

  /**
   * Takes the key inside the caller's transaction; false when it is taken already. A concurrent taker's
   * insert waits for the first transaction, so false means the first answer is committed (or it rolled back and this one wins).
   */
  Future<Boolean> claim(String scope, String key, byte[] requestHash, Instant at);

  /** Stores the answer of the key claimed in this transaction. */
  Future<Void> answer(String scope, String key, int status, JsonObject response);

  Future<Optional<Stored>> find(String scope, String key);
}
