package io.atrium.billing.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The billing log, newest first, by type and [from, to), paged by seq; viewer. */
final class LogReading {

  static final Set<String> TYPES = Set.of("top_up", "credit_grant", "consumption", "usage", "invoice", "adjustment");

  private final Context context;

  LogReading(Context context) {
    this.context = context;
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
    List<String> cursor = input.cursor();
    Long before = cursor == null ? null : beforeSeq(input, cursor);
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, Level.VIEWER))
        .compose(account -> context.ledger().entries(context.pool(), workspaceId, (String) type, from, to, before, limit + 1))
        .map(entries -> Cursor.page(entries, limit, LogReading::json, e -> List.of(Long.toString(e.seq()))));
  }

  private static Long beforeSeq(Input input, List<String> cursor) {
    try {
      return Long.parseLong(cursor.get(0));
    } catch (RuntimeException e) {
      return input.error("cursor", "is not a valid cursor");
    }
  }

  private static JsonObject json(Ledger.Entry e) {
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
