package io.atrium.server.testing;

import io.atrium.platform.Database;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The test API's database, for the few checks HTTP cannot make (what is stored, how many sessions exist). */
public final class TestDatabase {

  private static Pool pool;

  private TestDatabase() {}

  private static synchronized Pool pool() {
    if (pool == null) {
      pool = Database.pool(Vertx.vertx(), TestServices.get().config());
    }
    return pool;
  }

  public static List<Row> query(String sql, Object... args) {
    List<Row> rows = new ArrayList<>();
    pool().preparedQuery(sql).execute(Tuple.from(args)).await().forEach(rows::add);
    return rows;
  }

  public static long sessions() {
    return query("SELECT count(*) AS n FROM identity.tokens WHERE kind = 'session'").get(0).getLong("n");
  }
}
