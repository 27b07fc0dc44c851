package io.atrium.billing.internal;

import io.atrium.billing.SpendEntries;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlLedgerQueries implements LedgerQueries {

  // The worker's disable holds only under the setting it happened under (billing-8).
  private static final String STANDING = """
      SELECT g.balance, g.status, CASE WHEN g.auto_top_up_declines_set_at IS NOT DISTINCT FROM a.auto_top_up_set_at
                                       THEN g.auto_top_up_disabled_at END AS auto_top_up_disabled_at
        FROM billing.ledgers g LEFT JOIN billing.accounts a ON a.workspace_id = g.workspace_id WHERE g.workspace_id = $1""";
  // One range scan of entries_occurred_idx (workspace_id, occurred_at) gives both sums; least() skips a null month start.
  // Spend is SpendEntries' (no grant expiry adjustments), counted in the month of its occurred_at.
  private static final String SPEND = """
      SELECT coalesce(-sum(amount) FILTER (WHERE occurred_at >= $2), 0)::bigint AS in_window,
             coalesce(-sum(amount) FILTER (WHERE occurred_at >= $3 AND occurred_at < $4), 0)::bigint AS in_month
        FROM billing.entries WHERE workspace_id = $1 AND occurred_at >= least($2, $3) AND \
      """ + SpendEntries.SQL;
  private static final String ENTRIES = """
      SELECT seq, type, amount, balance_after, description, reference, occurred_at FROM billing.entries
       WHERE workspace_id = $1 AND ($2::text IS NULL OR type = $2) AND ($3::timestamptz IS NULL OR occurred_at >= $3)
         AND ($4::timestamptz IS NULL OR occurred_at < $4) AND ($5::bigint IS NULL OR seq < $5)
       ORDER BY seq DESC LIMIT $6""";
  // date_trunc with a time zone: buckets are UTC days and months whatever the session's zone.
  private static final String USAGE = """
      SELECT date_trunc($4, hour, 'UTC') AS bucket, meter, sum(amount)::bigint AS amount FROM billing.usage_hours
       WHERE workspace_id = $1 AND hour >= $2 AND hour < $3
       GROUP BY 1, 2 ORDER BY 1, 2""";
  private static final String ENDED_FLAGS = """
      SELECT l.workspace_id, l.currency, l.auto_top_up_pending FROM billing.ledgers l
       WHERE l.auto_top_up_pending IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM billing.top_ups t WHERE t.id = l.auto_top_up_pending AND t.status = 'pending')
       LIMIT 200""";

  private final SqlClient client;

  SqlLedgerQueries(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Standing> standing(UUID workspaceId) {
    return client.preparedQuery(STANDING).execute(Tuple.of(workspaceId)).map(rows -> rows.size() == 0
        ? new Standing(0, Standing.ACTIVE, null)
        : new Standing(rows.iterator().next().getLong("balance"), rows.iterator().next().getString("status"),
            Times.fromDb(rows.iterator().next(), "auto_top_up_disabled_at")));
  }

  @Override
  public Future<Spend> spend(UUID workspaceId, Instant windowStart, Instant monthStart) {
    Instant monthEnd = monthStart == null ? null : SpendEntries.nextMonthStart(monthStart);
    return client.preparedQuery(SPEND).execute(Tuple.of(workspaceId, Times.toDb(windowStart), Times.toDb(monthStart), Times.toDb(monthEnd)))
        .map(rows -> new Spend(rows.iterator().next().getLong("in_window"), rows.iterator().next().getLong("in_month")));
  }

  @Override
  public Future<List<Entry>> entries(UUID workspaceId, String type, Instant from, Instant to, Long before, int limit) {
    Tuple args = Tuple.of(workspaceId, type, Times.toDb(from), Times.toDb(to), before, limit);
    return client.preparedQuery(ENTRIES).execute(args).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Entry(row.getLong("seq"), row.getString("type"), row.getLong("amount"), row.getLong("balance_after"),
            row.getString("description"), row.getString("reference"), Times.fromDb(row, "occurred_at")))
        .toList());
  }

  @Override
  public Future<List<Usage>> usage(UUID workspaceId, Instant from, Instant to, String granularity) {
    Tuple args = Tuple.of(workspaceId, Times.toDb(from), Times.toDb(to), granularity);
    return client.preparedQuery(USAGE).execute(args).map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Usage(Times.fromDb(row, "bucket"), row.getString("meter"), row.getLong("amount")))
        .toList());
  }

  @Override
  public Future<List<EndedFlag>> endedAutoTopUps() {
    return client.query(ENDED_FLAGS).execute().map(rows -> StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new EndedFlag(row.getUUID("workspace_id"), row.getString("currency").trim(), row.getUUID("auto_top_up_pending")))
        .toList());
  }
}
