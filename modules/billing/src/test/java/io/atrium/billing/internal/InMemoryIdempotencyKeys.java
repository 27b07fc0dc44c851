package io.atrium.billing.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link IdempotencyKeys} in a map, for rule tests; {@link #savepoint()} lets a failed transaction take its claim back. */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

  private final Map<String, Stored> keys = new HashMap<>();

  @Override
  public Future<Boolean> claim(String scope, String key, byte[] requestHash, Instant at) {
    // As in SQL: a placeholder answer until answer() fills it in the same transaction.
    return Future.succeededFuture(keys.putIfAbsent(id(scope, key), new Stored(requestHash.clone(), 0, new JsonObject())) == null);
  }

  @Override
  public Future<Void> answer(String scope, String key, int status, JsonObject response) {
    keys.computeIfPresent(id(scope, key), (id, stored) -> new Stored(stored.requestHash(), status, response.copy()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Stored>> find(String scope, String key) {
    return Future.succeededFuture(Optional.ofNullable(keys.get(id(scope, key))));
  }

  int size() {
    return keys.size();
  }

  /** The keys as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(keys);
  }

  private static String id(String scope, String key) {
    return scope + "\n" + key;
  }
}
