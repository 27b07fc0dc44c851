package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Credit usage for the dashboard: the ledger's debits per hour, summed per UTC hour, day or month and per
 * meter (or plan); viewer. Default: the last 30 days by day. Buckets without usage are left out.
 */
final class ReadUsage {

  private static final Set<String> GRANULARITIES = Set.of("hour", "day", "month");
  private static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;

  ReadUsage(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    Instant now = Times.now(collaborators.clock());
    Instant givenTo = input.instant("to");
    Instant to = givenTo == null ? now : givenTo;
    Instant givenFrom = input.instant("from");
    Instant from = givenFrom == null ? to.minus(DEFAULT_SPAN) : givenFrom;
    String granularity = request.getString("granularity", "day");
    if (!GRANULARITIES.contains(granularity)) {
      input.error("granularity", "must be hour, day or month");
    }
    if (givenFrom != null && givenTo != null && !givenFrom.isBefore(givenTo)) {
      input.error("from", "must be before to");
    }
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(account -> storage.read().ledger().usage(workspaceId, from, to, granularity)
            .map(rows -> json(account.currency(), rows)));
  }

  private static JsonObject json(String currency, List<LedgerQueries.Usage> rows) {
    Map<Instant, JsonObject> buckets = new LinkedHashMap<>();
    Map<Instant, Long> totals = new LinkedHashMap<>();
    long total = 0;
    for (LedgerQueries.Usage row : rows) {
      buckets.computeIfAbsent(row.start(), start -> new JsonObject()).put(row.meter(), Money.format(row.amount()));
      totals.merge(row.start(), row.amount(), Long::sum);
      total += row.amount();
    }
    JsonArray array = new JsonArray();
    buckets.forEach((start, byMeter) -> array.add(new JsonObject()
        .put("start", Times.text(start)).put("amount", Money.format(totals.get(start))).put("byMeter", byMeter)));
    return new JsonObject().put("currency", currency).put("total", Money.format(total)).put("buckets", array);
  }
}
