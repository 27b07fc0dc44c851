package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes up to 1000 usage events; workspace member. Every event is checked (fields named like
 * {@code events[3].meter}) and priced from the catalogue; then the batch is inserted in one statement, skipping event
 * ids the workspace already has, with one USAGE job with the accepted amounts per meter, in one transaction
 * ({@link UsageCommits}: shared with other requests' batches, or the Idempotency-Key's own). Nothing is done per
 * event against the database: this path carries the volume.
 */
final class IngestUsage {

  static final int MAX_EVENTS = 1000;
  private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
  // Older usage is refused: it could no longer reach the invoice of the month it happened in, nor the 30-day chart.
  private static final Duration MAX_PAST = Duration.ofDays(35);

  // A workspace's currency is fixed at creation: read once per process (the access check is cached per process too,
  // by the workspace context, and kept true by its notifications).
  private static final int CURRENCIES_KEPT = 100_000;

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;
  private final Idempotent idempotent;
  private final UsageCommits commits;
  private final Map<UUID, String> currencies = new ConcurrentHashMap<>();

  IngestUsage(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, Idempotent idempotent) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
    this.idempotent = idempotent;
    this.commits = new UsageCommits(storage, collaborators);
  }

  Future<JsonObject> ingest(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    String key = input.idempotencyKey();
    JsonArray raw = request.getValue("events") instanceof JsonArray a ? a : null;
    if (raw == null || raw.isEmpty() || raw.size() > MAX_EVENTS) {
      input.error("events", "must be an array of 1 to " + MAX_EVENTS + " events");
    }
    return input.validated()
        .compose(valid -> guard.access(userId, workspaceId, AccessLevel.MEMBER))
        .compose(allowed -> currency(workspaceId))
        .compose(currency -> {
          Input events = new Input(request);
          List<UsageEvents.Event> parsed = parse(events, raw, currency);
          return events.validated().compose(valid -> {
            UsageCommits.UsageWrite write = new UsageCommits.UsageWrite(currency,
                new UsageEvents.Batch(workspaceId, UUID.randomUUID(), parsed));
            return key == null ? commits.write(write)
                : idempotent.run(workspaceId.toString(), key, canonical(parsed), (tables, outgoing) -> commits.writeAlone(tables, outgoing, write));
          });
        });
  }

  private Future<String> currency(UUID workspaceId) {
    String known = currencies.get(workspaceId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return new OpenAccount(storage, collaborators).ensure(workspaceId).map(account -> {
      if (currencies.size() >= CURRENCIES_KEPT) {
        currencies.clear();
      }
      currencies.put(workspaceId, account.currency());
      return account.currency();
    });
  }

  private List<UsageEvents.Event> parse(Input input, JsonArray raw, String currency) {
    Instant latest = Times.now(collaborators.clock()).plus(MAX_FUTURE);
    Instant earliest = Times.now(collaborators.clock()).minus(MAX_PAST);
    List<UsageEvents.Event> events = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String at = "events[" + i + "].";
      if (!(raw.getValue(i) instanceof JsonObject event)) {
        input.error("events[" + i + "]", "must be an object {id, meter, quantity, occurredAt}");
        continue;
      }
      String id = event.getValue("id") instanceof String s && !s.isEmpty() && s.length() <= 255 ? s
          : input.error(at + "id", "must be 1 to 255 characters");
      if (id != null && !storable(id)) {
        id = input.error(at + "id", "must not contain U+0000 or an unpaired surrogate");
      }
      Object meter = event.getValue("meter");
      Long price = meter instanceof String m ? collaborators.catalogue().meterPriceMicros(m, currency).orElse(null) : null;
      if (price == null) {
        input.error(at + "meter", "must be a meter of the price catalogue");
      }
      BigDecimal quantity = UsageQuantity.parse(event.getValue("quantity"));
      if (quantity == null) {
        input.error(at + "quantity", "must be a non-negative number below 1,000,000,000 with at most 6 fraction digits");
      }
      Instant occurredAt = input.instant(event.getValue("occurredAt"), at + "occurredAt");
      if (occurredAt != null && occurredAt.isAfter(latest)) {
        input.error(at + "occurredAt", "must not be more than 5 minutes in the future");
      } else if (occurredAt != null && occurredAt.isBefore(earliest)) {
        input.error(at + "occurredAt", "must not be more than 35 days in the past");
      }
      if (id != null && price != null && quantity != null && occurredAt != null) {
        events.add(new UsageEvents.Event(id, (String) meter, quantity, Money.times(quantity, price), occurredAt));
      }
    }
    return events;
  }

  /**
   * Whether PostgreSQL stores the id as sent: U+0000 fails the statement, and an unpaired surrogate is sent as "?", so
   * the id would come back altered. (The meter is checked against the catalogue; the other fields are parsed.)
   */
  static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0' || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** The batch as text, for the Idempotency-Key's request hash. */
  private static String canonical(List<UsageEvents.Event> events) {
    StringBuilder text = new StringBuilder("usage");
    for (UsageEvents.Event e : events) {
      text.append('\n').append(e.id()).append('\t').append(e.meter()).append('\t').append(e.quantity().toPlainString())
          .append('\t').append(e.occurredAt());
    }
    return text.toString();
  }
}
