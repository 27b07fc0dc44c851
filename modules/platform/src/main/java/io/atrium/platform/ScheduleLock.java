package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one process of many the one that runs a schedule: the holder of a session-level PostgreSQL advisory lock
 * taken on a connection of its own. The others try again every {@code retryMillis}; when the holder dies its
 * session ends, the lock with it, and another takes over. {@link #held()} says whether this process holds it now.
 */
public final class ScheduleLock {

  private static final Logger log = LoggerFactory.getLogger(ScheduleLock.class);

  private final Vertx vertx;
  private final String pgUrl;
  private final long key;
  private final String name;
  private PgConnection connection;
  private volatile boolean held;
  private boolean stopped;
  private long retryTimer = -1;

  /** {@code key}: any number, the same in every process, different for every schedule; {@code name} for logs. */
  public ScheduleLock(Vertx vertx, AtriumConfig config, long key, String name) {
    this.vertx = vertx;
    this.pgUrl = config.string("pg.url");
    this.key = key;
    this.name = name;
  }

  public boolean held() {
    return held;
  }

  /** Tries now and every {@code retryMillis} while not held; {@code onTaken} runs each time the lock is taken. */
  public void start(long retryMillis, Runnable onTaken) {
    tryToTake(onTaken);
    retryTimer = vertx.setPeriodic(retryMillis, id -> {
      if (!held && !stopped) {
        tryToTake(onTaken);
      }
    });
  }

  public Future<Void> stop() {
    stopped = true;
    held = false;
    vertx.cancelTimer(retryTimer);
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  private void tryToTake(Runnable onTaken) {
    Future<PgConnection> connected = connection != null ? Future.succeededFuture(connection)
        : PgConnection.connect(vertx, Database.connectOptions(pgUrl)).compose(this::keepOne);
    connected.compose(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1) AS taken").execute(Tuple.of(key)))
        .onSuccess(rows -> {
          if (!stopped && !held && rows.iterator().next().getBoolean("taken")) {
            held = true;
            log.info("this process runs the {}", name);
            onTaken.run();
          }
        })
        .onFailure(e -> log.warn("cannot try the lock of the {}: {}", name, e.getMessage()));
  }

  /**
   * A retry may connect while an earlier try still connects: only the first connection to arrive is kept and watched,
   * so the lock is never taken in a session nobody watches (which would hold it for ever); one arriving after
   * {@link #stop()} is closed as well.
   */
  private Future<PgConnection> keepOne(PgConnection arrived) {
    if (stopped) {
      arrived.close();
      return Future.failedFuture("the lock of the " + name + " is stopped");
    }
    if (connection != null) {
      arrived.close();
      return Future.succeededFuture(connection);
    }
    watch(arrived);
    return Future.succeededFuture(arrived);
  }

  /** A lost session loses the lock. */
  private void watch(PgConnection c) {
    connection = c;
    c.closeHandler(v -> {
      connection = null;
      held = false;
    });
  }
}
