package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Port: every usage event ever accepted, unique per workspace and event id. */
interface UsageEvents {

  record Event(String id, String meter, BigDecimal quantity, long amount, Instant occurredAt) {}

  /** One request's events for one workspace, stored under {@code batchId}. */
  record Batch(UUID workspaceId, UUID batchId, List<Event> events) {}

  /**
   * Inserts the batches in ONE statement, skipping ids their workspace has (or that repeat: the first in the batches'
   * and events' order wins); the events inserted, by batch id (a batch with none is absent). Rows are written in
   * (workspace, event id) order, so two concurrent writes of overlapping ids wait on each other instead of deadlocking.
   */
  Future<Map<UUID, List<Event>>> insertNew(List<Batch> batches);

  /** How many events are stored under the batch: none unless its transaction committed. */
  Future<Integer> countStored(UUID workspaceId, UUID batchId);
}
