package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

import java.util.Properties;

/** The reactive PostgreSQL pool, and the JDBC details Liquibase needs. */
public final class Database {

  /**
   * Begins a statement to be planned at every execution, with the tables' sizes of the moment, instead of kept prepared:
   * after five runs PostgreSQL may settle on a generic plan, made once per connection, and one made while a table was
   * nearly empty (a new database) scans it whole long after it has grown, until an ANALYZE happens to replan it. Such a
   * statement is prepared again each time, which pauses the connection's pipeline: keep it for reads that need it.
   */
  public static final String PLANNED_EACH_TIME = "/* planned each time */ ";

  private Database() {}

  /** Parses an {@code ATRIUM_PG_URL} ({@code postgresql://user:password@host:port/database}). */
  public static PgConnectOptions connectOptions(String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    if (options.getUser() == null || options.getUser().isEmpty()) {
      options.setUser("postgres");
    }
    return options.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512)
        .setPreparedStatementCacheSqlFilter(sql -> SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER.test(sql)
            && !sql.startsWith(PLANNED_EACH_TIME));
  }

  /** One pool per database per Vert.x: verticles asking for the same URL share its connections. */
  public static Pool pool(Vertx vertx, AtriumConfig config) {
    PgConnectOptions options = connectOptions(config.string("pg.url"));
    // The name shows in metrics (pool_name): it names the database, never the credentials in the URL.
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.integer("pg.poolSize")).setShared(true).setName("atrium-pg:" + describe(options)))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /** {@code user@host:port/database}: what logs and metrics may say about a database. */
  public static String describe(PgConnectOptions options) {
    return options.getUser() + "@" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** Creates the configured database when it does not exist yet; safe when two processes race. */
  public static Future<Void> ensureExists(Vertx vertx, String url) {
    PgConnectOptions target = connectOptions(url);
    PgConnectOptions admin = new PgConnectOptions(target).setDatabase("postgres");
    String name = target.getDatabase();
    if (!name.matches("[A-Za-z0-9_]+")) {
      return Future.failedFuture(new IllegalArgumentException("database name must be letters, digits and _: " + name));
    }
    return PgConnection.connect(vertx, admin).compose(conn -> conn
        .preparedQuery("SELECT 1 FROM pg_database WHERE datname = $1")
        .execute(io.vertx.sqlclient.Tuple.of(name))
        .compose(rows -> rows.size() > 0
            ? Future.<Void>succeededFuture()
            : conn.query("CREATE DATABASE " + name).execute().<Void>mapEmpty()
                .recover(e -> isDuplicateDatabase(e) ? Future.succeededFuture() : Future.failedFuture(e)))
        .eventually(conn::close));
  }

  private static boolean isDuplicateDatabase(Throwable e) {
    return e instanceof PgException pg && ("42P04".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()));
  }

  /** The JDBC URL of the same database, for Liquibase. */
  static String jdbcUrl(PgConnectOptions options) {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  static Properties jdbcProperties(PgConnectOptions options) {
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    if (options.getPassword() != null && !options.getPassword().isEmpty()) {
      properties.setProperty("password", options.getPassword());
    }
    return properties;
  }
}
