package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

final class SqlLoginFailures implements LoginFailures {

  private static final String OPEN =
      "SELECT key, window_start, failures FROM identity.login_failures WHERE key = ANY($1) AND window_start > $2";
  // One statement per attempt, so concurrent failures of one key all count.
  private static final String RECORD = """
      INSERT INTO identity.login_failures (key, window_start, failures)
      SELECT key, $2, 1 FROM unnest($1::text[]) AS key
      ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN login_failures.window_start > $3 THEN login_failures.window_start ELSE EXCLUDED.window_start END,
        failures = CASE WHEN login_failures.window_start > $3 THEN login_failures.failures + 1 ELSE 1 END""";
  private static final String CLEAR = "DELETE FROM identity.login_failures WHERE key = ANY($1)";

  private final Pool pool;

  SqlLoginFailures(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Window>> open(List<String> keys, Instant openSince) {
    return pool.preparedQuery(OPEN).execute(Tuple.of(keys.toArray(String[]::new), Times.toDb(openSince)))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false)
            .map(row -> new Window(row.getString("key"), Times.fromDb(row, "window_start"), row.getInteger("failures")))
            .toList());
  }

  @Override
  public Future<Void> record(List<String> keys, Instant now, Instant openSince) {
    return pool.preparedQuery(RECORD)
        .execute(Tuple.of(keys.toArray(String[]::new), Times.toDb(now), Times.toDb(openSince)))
        .mapEmpty();
  }

  @Override
  public Future<Void> clear(List<String> keys) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(keys.toArray(String[]::new))).mapEmpty();
  }
}
