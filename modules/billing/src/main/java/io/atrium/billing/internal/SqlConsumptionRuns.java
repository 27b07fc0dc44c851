package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

final class SqlConsumptionRuns implements ConsumptionRuns {

  private static final String RECORD = """
      INSERT INTO billing.consumption_runs (hour, requested_by, requested_at, jobs) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hour) DO UPDATE SET requested_by = EXCLUDED.requested_by, requested_at = EXCLUDED.requested_at, jobs = EXCLUDED.jobs""";
  private static final String UNRUN_HOURS = """
      SELECT h FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 hour') AS h
       WHERE NOT EXISTS (SELECT 1 FROM billing.consumption_runs r WHERE r.hour = h) ORDER BY h""";

  private final SqlClient client;

  SqlConsumptionRuns(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> record(Instant hour, String requestedBy, Instant at, int jobs) {
    return client.preparedQuery(RECORD).execute(Tuple.of(Times.toDb(hour), requestedBy, Times.toDb(at), jobs)).mapEmpty();
  }

  @Override
  public Future<List<Instant>> unrun(Instant first, Instant last) {
    return client.preparedQuery(UNRUN_HOURS).execute(Tuple.of(Times.toDb(first), Times.toDb(last)))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> Times.fromDb(row, "h")).toList());
  }
}
