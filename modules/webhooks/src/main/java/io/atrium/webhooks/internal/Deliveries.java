package io.atrium.webhooks.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Port: the events (each body once, as signed) and their deliveries to endpoints. */
interface Deliveries {

  /** The most rows one pruning statement deletes. */
  int PRUNE_BATCH = 5_000;

  /** A 2xx answer to an attempt. */
  record Success(UUID deliveryId, int statusCode, Instant at, long durationMs) {}

  /** The events, each once (one given again is left as it is). */
  Future<Void> insertEvents(List<FanOut.Event> events, Instant now);

  /**
   * A pending delivery, due now, of each event to the endpoint beside it in the lists (none to an endpoint deleted
   * meanwhile, none again for a pair that has one); answers how many were new.
   */
  Future<Integer> insertDeliveries(List<UUID> eventIds, List<UUID> endpointIds, Instant now);

  /**
   * Up to {@code limit} due deliveries of enabled endpoints, leased until {@code leaseUntil}: of each endpoint at most
   * {@code perEndpoint} less what {@code held} says this process holds of it already.
   */
  Future<List<Attempt>> claim(Instant now, Instant leaseUntil, int limit, Map<UUID, Integer> held, int perEndpoint);

  /** An attempt's outcome: {@code status} and when the next is due (null: no more). */
  Future<Boolean> record(UUID deliveryId, String status, Instant next, Integer statusCode, Instant at, long durationMs);

  /** The successes, in one statement; a delivery no longer pending is left as it is. */
  Future<Void> succeeded(List<Success> successes);

  Future<Void> failPending(UUID endpointId);

  /** Newest first, before the key (null: from the start). */
  Future<List<JsonObject>> page(UUID endpointId, Instant afterCreatedAt, UUID afterId, int limit);

  /** Null: no such delivery; false: it is being sent now. */
  Future<Boolean> redeliver(UUID endpointId, UUID deliveryId, Instant now);

  /** Deletes up to {@link #PRUNE_BATCH} settled deliveries created and last tried before {@code cutoff}; answers how many. */
  Future<Integer> pruneSettled(Instant cutoff);

  /** Deletes up to {@link #PRUNE_BATCH} events created before {@code cutoff} that no delivery refers to; answers how many. */
  Future<Integer> pruneUnreferencedEvents(Instant cutoff);
}
