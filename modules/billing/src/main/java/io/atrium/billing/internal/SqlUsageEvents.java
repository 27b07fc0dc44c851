package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlUsageEvents implements UsageEvents {

  // One statement per batch, whatever its size: the arrays travel as parameters and unnest row by row.
  private static final String INSERT_NEW = """
      INSERT INTO billing.usage_events (workspace_id, event_id, meter, quantity, amount, occurred_at, batch_id)
      SELECT $1, e.id, e.meter, e.quantity::numeric, e.amount, e.occurred_at, $2
        FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[]) AS e(id, meter, quantity, amount, occurred_at)
      ON CONFLICT (workspace_id, event_id) DO NOTHING
      RETURNING meter, quantity::text AS quantity, amount, occurred_at""";

  @Override
  public Future<List<Accepted>> insertNew(SqlClient tx, UUID workspaceId, UUID batchId, List<Event> events) {
    int n = events.size();
    String[] ids = new String[n];
    String[] meters = new String[n];
    String[] quantities = new String[n];
    Long[] amounts = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Event e = events.get(i);
      ids[i] = e.id();
      meters[i] = e.meter();
      quantities[i] = e.quantity().toPlainString();
      amounts[i] = e.amount();
      times[i] = Times.toDb(e.occurredAt());
    }
    Tuple args = Tuple.of(workspaceId, batchId).addArrayOfString(ids).addArrayOfString(meters).addArrayOfString(quantities)
        .addArrayOfLong(amounts).addArrayOfOffsetDateTime(times);
    return tx.preparedQuery(INSERT_NEW).execute(args).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Accepted(row.getString("meter"), new java.math.BigDecimal(row.getString("quantity")), row.getLong("amount"),
            Times.fromDb(row, "occurred_at"))).toList());
  }
}
