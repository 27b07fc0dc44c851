package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: every usage event ever accepted, unique per workspace and event id. */
interface UsageEvents {

  record Event(String id, String meter, BigDecimal quantity, long amount, Instant occurredAt) {}

  /** An accepted event's meter and price: what the USAGE job sums. */
  record Accepted(String meter, BigDecimal quantity, long amount, Instant occurredAt) {}

  /** Inserts the batch in ONE statement, skipping ids the workspace has (or that repeat in the batch); the ones inserted. */
  Future<List<Accepted>> insertNew(SqlClient tx, UUID workspaceId, UUID batchId, List<Event> events);
}
