package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

final class SqlUsageEvents implements UsageEvents {

  // One statement for any number of batches and events: the arrays travel as parameters and unnest row by row.
  private static final String INSERT_NEW = """
      INSERT INTO billing.usage_events (workspace_id, event_id, meter, quantity, amount, occurred_at, batch_id)
      SELECT e.workspace_id, e.id, e.meter, e.quantity::numeric, e.amount, e.occurred_at, e.batch_id
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[])
             AS e(workspace_id, batch_id, id, meter, quantity, amount, occurred_at)
      ON CONFLICT (workspace_id, event_id) DO NOTHING
      RETURNING batch_id, event_id""";

  private static final String COUNT_STORED = "SELECT count(*) FROM billing.usage_events WHERE workspace_id = $1 AND batch_id = $2";

  private record Insertion(Batch batch, Event event) {}

  // Stable: equal keys keep the batches' and events' order, so the first of a repeated id is the one inserted.
  private static final Comparator<Insertion> LOCK_ORDER = Comparator.<Insertion, UUID>comparing(r -> r.batch().workspaceId())
      .thenComparing(r -> r.event().id());

  private final SqlClient client;

  SqlUsageEvents(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Map<UUID, List<Event>>> insertNew(List<Batch> batches) {
    List<Insertion> rows = new ArrayList<>();
    Map<UUID, Map<String, Event>> byBatch = new HashMap<>();
    for (Batch batch : batches) {
      Map<String, Event> byId = new HashMap<>();
      for (Event event : batch.events()) {
        rows.add(new Insertion(batch, event));
        byId.putIfAbsent(event.id(), event);
      }
      byBatch.put(batch.batchId(), byId);
    }
    rows.sort(LOCK_ORDER);
    int n = rows.size();
    UUID[] workspaces = new UUID[n];
    UUID[] batchIds = new UUID[n];
    String[] ids = new String[n];
    String[] meters = new String[n];
    String[] quantities = new String[n];
    Long[] amounts = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Insertion row = rows.get(i);
      Event e = row.event();
      workspaces[i] = row.batch().workspaceId();
      batchIds[i] = row.batch().batchId();
      ids[i] = e.id();
      meters[i] = e.meter();
      quantities[i] = e.quantity().toPlainString();
      amounts[i] = e.amount();
      times[i] = Times.toDb(e.occurredAt());
    }
    Tuple args = Tuple.tuple().addArrayOfUUID(workspaces).addArrayOfUUID(batchIds).addArrayOfString(ids).addArrayOfString(meters).addArrayOfString(quantities)
        .addArrayOfLong(amounts).addArrayOfOffsetDateTime(times);
    return client.preparedQuery(INSERT_NEW).execute(args).map(inserted -> {
      Map<UUID, List<Event>> accepted = new HashMap<>();
      for (Row row : inserted) {
        UUID batchId = row.getUUID("batch_id");
        Event event = byBatch.get(batchId).get(row.getString("event_id"));
        if (event == null) {
          // The id came back other than it was sent (text PostgreSQL can't hold): validation must refuse such ids.
          throw new IllegalStateException("usage event id returned altered by the database in batch " + batchId);
        }
        accepted.computeIfAbsent(batchId, b -> new ArrayList<>()).add(event);
      }
      return accepted;
    });
  }

  @Override
  public Future<Integer> countStored(UUID workspaceId, UUID batchId) {
    return client.preparedQuery(COUNT_STORED).execute(Tuple.of(workspaceId, batchId)).map(rows -> (int) rows.iterator().next().getLong(0).longValue());
  }
}
