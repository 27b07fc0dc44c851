package io.atrium.platform;

import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's prepared statements, as PostgreSQL keeps them on a connection. */
@Timeout(60)
class DatabaseIT {

  @Test
  void aStatementMarkedPlannedEachTimeIsNeverKeptPreparedWhileOthersAre() {
    Vertx vertx = Vertx.vertx();
    try {
      AtriumConfig config = TestServices.get().config();
      Database.ensureExists(vertx, config.string("pg.url")).await();
      Pool pool = Database.pool(vertx, config);
      SqlConnection connection = pool.getConnection().await();
      try {
        assertOnlyTheUnmarkedStatementIsKept(connection);
      } finally {
        connection.close().await();
        pool.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void assertOnlyTheUnmarkedStatementIsKept(SqlConnection connection) {
    String kept = "SELECT 1 + $1::int AS kept";
    String planned = Database.PLANNED_EACH_TIME + "SELECT 2 + $1::int AS planned";
    // More runs than PostgreSQL's five custom plans before it may keep a generic one.
    for (int i = 0; i < 8; i++) {
      assertThat(connection.preparedQuery(kept).execute(Tuple.of(i)).await().iterator().next().getInteger(0)).isEqualTo(1 + i);
      assertThat(connection.preparedQuery(planned).execute(Tuple.of(i)).await().iterator().next().getInteger(0)).isEqualTo(2 + i);
    }
    List<String> prepared = new ArrayList<>();
    for (Row row : connection.query("SELECT statement FROM pg_prepared_statements").execute().await()) {
      prepared.add(row.getString(0));
    }
    assertThat(prepared).anyMatch(sql -> sql.contains("AS kept")).noneMatch(sql -> sql.contains("AS planned"));
  }
}
