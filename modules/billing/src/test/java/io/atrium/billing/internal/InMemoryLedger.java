package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The worker's ledger as billing reads it, for rule tests: standings the test sets; no entries or spend. */
final class InMemoryLedger implements LedgerQueries {

  private final Map<UUID, Standing> standings = new HashMap<>();

  void set(UUID workspaceId, long balance, String status) {
    standings.put(workspaceId, new Standing(balance, status, null));
  }

  @Override
  public Future<Standing> standing(UUID workspaceId) {
    return Future.succeededFuture(standings.getOrDefault(workspaceId, new Standing(0, Standing.ACTIVE, null)));
  }

  @Override
  public Future<Spend> spend(UUID workspaceId, Instant windowStart, Instant monthStart) {
    return Future.succeededFuture(new Spend(0, 0));
  }

  @Override
  public Future<List<Entry>> entries(UUID workspaceId, String type, Instant from, Instant to, Long before, int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<List<Usage>> usage(UUID workspaceId, Instant from, Instant to, String granularity) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<List<EndedFlag>> endedAutoTopUps() {
    return Future.succeededFuture(List.of());
  }
}
