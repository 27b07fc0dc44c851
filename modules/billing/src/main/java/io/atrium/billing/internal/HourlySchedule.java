package io.atrium.billing.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Runs each hour's consumption run shortly after the hour ends, in ONE process: the one holding a
 * session-level PostgreSQL advisory lock on its own connection. The others retry to take it every
 * {@code billing.schedule.retryMillis}, so when the holder dies (its session ends, the lock with it)
 * another takes over. Whoever takes the lock runs the hour just ended at once, in case the last holder
 * died before running it: a second run of an hour charges nothing. Each turn runs, oldest first, every hour
 * of the last {@code billing.schedule.catchUpHours} that has no recorded run, stopping at the first failure,
 * so hours missed during an outage or a failed run are charged at the next turn.
 *
 * <p>The same holder starts the monthly invoice run: when the hour just run ends at day
 * {@code invoicing.schedule.dayOfMonth}, hour {@code invoicing.schedule.hourUtc} (by default the 1st, 02:00 UTC: see config/atrium.json), it
 * runs the month before, right after that hour's consumption run was queued. A second run of a month invoices nothing.
 * The same holder runs the reconcilers periodically ({@link Reconcilers}), which also start a due invoice run that has not run.
 */
public final class HourlySchedule {

  /** Any fixed number, the same in every process: the lock's name. */
  static final long LOCK_KEY = 0x4174726975_6dL;
  private static final Logger log = LoggerFactory.getLogger(HourlySchedule.class);

  private final Vertx vertx;
  private final AtriumConfig config;
  private final Clock clock;
  private final long delayMillis;
  private final int catchUpHours;
  private final int invoiceDay;
  private final int invoiceHour;
  private PgConnection connection;
  private volatile boolean held;
  private final java.util.function.Supplier<Future<Void>> reconcile;
  private long hourTimer = -1;
  private long retryTimer = -1;
  private long reconcileTimer = -1;
  private boolean reconciling;
  private boolean stopped;

  /** {@code reconcile}: one pass of the reconcilers, run every {@code billing.reconcile.intervalMillis} while this holds the lock. */
  public HourlySchedule(Vertx vertx, AtriumConfig config, Clock clock, java.util.function.Supplier<Future<Void>> reconcile) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.reconcile = reconcile;
    this.delayMillis = config.integer("billing.schedule.delayMillis");
    this.catchUpHours = config.integer("billing.schedule.catchUpHours");
    this.invoiceDay = config.integer("invoicing.schedule.dayOfMonth");
    this.invoiceHour = config.integer("invoicing.schedule.hourUtc");
  }

  public boolean holdsLock() {
    return held;
  }

  public void start() {
    tryToHold();
    retryTimer = vertx.setPeriodic(config.integer("billing.schedule.retryMillis"), id -> {
      if (!held && !stopped) {
        tryToHold();
      }
    });
    reconcileTimer = vertx.setPeriodic(config.integer("billing.reconcile.intervalMillis"), id -> {
      if (held && !stopped && !reconciling) {
        reconciling = true;
        reconcile.get().onComplete(done -> reconciling = false);
      }
    });
  }

  public Future<Void> stop() {
    stopped = true;
    held = false;
    vertx.cancelTimer(hourTimer);
    vertx.cancelTimer(retryTimer);
    vertx.cancelTimer(reconcileTimer);
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  private void tryToHold() {
    Future<PgConnection> connected = connection != null ? Future.succeededFuture(connection)
        : PgConnection.connect(vertx, Database.connectOptions(config.string("pg.url"))).onSuccess(this::watch);
    connected.compose(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1) AS taken").execute(Tuple.of(LOCK_KEY)))
        .onSuccess(rows -> {
          if (!stopped && rows.iterator().next().getBoolean("taken")) {
            held = true;
            log.info("this process schedules the hourly consumption runs");
            catchUp();
            scheduleNext();
          }
        })
        .onFailure(e -> log.warn("cannot try the schedule lock: {}", e.getMessage()));
  }

  /** A lost session loses the lock: stop scheduling and try to take it again later. */
  private void watch(PgConnection c) {
    connection = c;
    c.closeHandler(v -> {
      connection = null;
      held = false;
      vertx.cancelTimer(hourTimer);
    });
  }

  private void scheduleNext() {
    Instant now = clock.instant();
    Instant due = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).plusMillis(delayMillis);
    hourTimer = vertx.setTimer(Math.max(1, Duration.between(now, due).toMillis()), id -> {
      if (held) {
        catchUp();
        scheduleNext();
      }
    });
  }

  private Instant previousHour() {
    return clock.instant().minus(Duration.ofMillis(delayMillis)).truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
  }

  private static final String UNRUN_HOURS = """
      SELECT h FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 hour') AS h
       WHERE NOT EXISTS (SELECT 1 FROM billing.consumption_runs r WHERE r.hour = h) ORDER BY h""";

  private void catchUp() {
    Instant last = previousHour();
    Instant first = last.minus(catchUpHours - 1L, ChronoUnit.HOURS);
    PgConnection c = connection;
    if (c == null) {
      return;
    }
    c.preparedQuery(UNRUN_HOURS).execute(Tuple.of(io.atrium.platform.Times.toDb(first), io.atrium.platform.Times.toDb(last)))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (var row : rows) {
            Instant hour = row.getOffsetDateTime("h").toInstant();
            chain = chain.compose(v -> runHour(hour));
          }
          return chain;
        })
        .onFailure(e -> log.error("consumption runs stopped; the next turn retries from the failed hour", e));
  }

  private Future<Void> runHour(Instant hour) {
    return Bus.request(vertx, BillingEndpoints.SCHEDULED_CONSUMPTION_RUN, new JsonObject().put("hour", hour.toString()))
        .onSuccess(run -> logRun("consumption run for " + hour, run.getInteger("jobs")))
        .onSuccess(done -> invoiceIfDue(hour.plus(1, ChronoUnit.HOURS)))
        .mapEmpty();
  }

  private void invoiceIfDue(Instant hourEnd) {
    ZonedDateTime end = hourEnd.atZone(ZoneOffset.UTC);
    if (end.getDayOfMonth() != invoiceDay || end.getHour() != invoiceHour) {
      return;
    }
    YearMonth period = YearMonth.from(end).minusMonths(1);
    Bus.request(vertx, BillingEndpoints.SCHEDULED_INVOICE_RUN, new JsonObject().put("period", period.toString()))
        .onSuccess(run -> logRun("invoice run for " + period, run.getInteger("jobs")))
        .onFailure(e -> log.error("invoice run for {} failed", period, e));
  }

  /** A run that found nothing to charge is routine, hourly on an idle system: keep it out of the INFO log. */
  private static void logRun(String run, Integer jobs) {
    if (jobs != null && jobs > 0) {
      log.info("{}: {} jobs", run, jobs);
    } else {
      log.debug("{}: nothing to do", run);
    }
  }
}
