package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The billing log, newest first, by type and [from, to), paged by seq; viewer. */
final class ReadBillingLog {

  static final Set<String> TYPES = Set.of("top_up", "credit_grant", "consumption", "usage", "invoice", "adjustment");

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;

  ReadBillingLog(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    Object type = request.getValue("type");
    if (type != null && !TYPES.contains(type)) {
      input.error("type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    Instant from = input.instant("from");
    Instant to = input.instant("to");
    int limit = input.limit();
    Long before = input.cursor(parts -> Long.parseLong(parts.get(0)));
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(account -> storage.read().ledger().entries(workspaceId, (String) type, from, to, before, limit + 1))
        .map(entries -> PageCursor.page(entries, limit, ReadBillingLog::json, e -> PageCursor.of(e.seq())));
  }

  private static JsonObject json(LedgerQueries.Entry e) {
    return new JsonObject()
        .put("seq", e.seq())
        .put("type", e.type())
        .put("amount", Money.format(e.amount()))
        .put("balanceAfter", Money.format(e.balanceAfter()))
        .put("description", e.description())
        .put("reference", e.reference())
        .put("occurredAt", Times.text(e.occurredAt()));
  }
}
