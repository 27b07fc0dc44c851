package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * Port: the database as a use case sees it: a client for statements outside any transaction (reads, and writes of one
 * statement that commit on their own), and work run in ONE transaction that commits when the work's future succeeds and
 * rolls back otherwise. {@link #of(Pool)} is
 * PostgreSQL; rule tests pass an in-memory stand-in whose ports ignore the client.
 */
public interface Transactions {

  SqlClient reads();

  <T> Future<T> run(Function<SqlConnection, Future<T>> work);

  static Transactions of(Pool pool) {
    return new Transactions() {
      @Override
      public SqlClient reads() {
        return pool;
      }

      @Override
      public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(work);
      }
    };
  }
}
