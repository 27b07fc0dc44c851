package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

final class SqlLoginFailures implements LoginFailures {

  private static final String OPEN =
      "SELECT key, window_start, failures FROM identity.login_failures WHERE key = ANY($1) AND window_start > $2";
  // Counting and reading in one statement: racing attempts each see their own count, none an older one.
  private static final String COUNT = SqlLoginFailures.RECORD + " RETURNING key, window_start, failures";
  // One statement per attempt, so concurrent failures of one key all count.
  private static final String RECORD = """
      INSERT INTO identity.login_failures (key, window_start, failures)
      SELECT key, $2, 1 FROM unnest($1::text[]) AS key
      ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN login_failures.window_start > $3 THEN login_failures.window_start ELSE EXCLUDED.window_start END,
        failures = CASE WHEN login_failures.window_start > $3 THEN login_failures.failures + 1 ELSE 1 END""";
  private static final String CLEAR = "DELETE FROM identity.login_failures WHERE key = ANY($1)";

  private final SqlClient client;

  SqlLoginFailures(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<List<Window>> open(List<String> keys, Instant openSince) {
    return client.preparedQuery(OPEN).execute(Tuple.of(keys.toArray(String[]::new), Times.toDb(openSince)))
        .map(SqlLoginFailures::windows);
  }

  @Override
  public Future<List<Window>> count(List<String> keys, Instant now, Instant openSince) {
    return client.preparedQuery(COUNT)
        .execute(Tuple.of(keys.toArray(String[]::new), Times.toDb(now), Times.toDb(openSince)))
        .map(SqlLoginFailures::windows);
  }

  private static List<Window> windows(RowSet<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .map(row -> new Window(row.getString("key"), Times.fromDb(row, "window_start"), row.getInteger("failures")))
        .toList();
  }

  @Override
  public Future<Void> record(List<String> keys, Instant now, Instant openSince) {
    return client.preparedQuery(RECORD)
        .execute(Tuple.of(keys.toArray(String[]::new), Times.toDb(now), Times.toDb(openSince)))
        .mapEmpty();
  }

  @Override
  public Future<Void> clear(List<String> keys) {
    return client.preparedQuery(CLEAR).execute(Tuple.of(keys.toArray(String[]::new))).mapEmpty();
  }
}
