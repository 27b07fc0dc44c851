package io.atrium.billing.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.ScheduleLock;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Runs each hour's consumption run shortly after the hour ends, in ONE process: the one holding a
 * session-level PostgreSQL advisory lock on its own connection ({@link ScheduleLock}). The others retry to take it every
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
  private final UnitOfWork<BillingTables> storage;
  private final AtriumConfig config;
  private final Clock clock;
  private final ScheduleLock lock;
  private final long delayMillis;
  private final int catchUpHours;
  private final int invoiceDay;
  private final int invoiceHour;
  private final Supplier<Future<Void>> reconcile;
  private long hourTimer = -1;
  private long reconcileTimer = -1;
  private boolean reconciling;
  private boolean stopped;

  /** {@code reconcile}: one pass of the reconcilers, run every {@code billing.reconcile.intervalMillis} while this holds the lock. */
  HourlySchedule(Vertx vertx, UnitOfWork<BillingTables> storage, AtriumConfig config, Clock clock, Supplier<Future<Void>> reconcile) {
    this.vertx = vertx;
    this.storage = storage;
    this.config = config;
    this.clock = clock;
    this.lock = new ScheduleLock(vertx, config, LOCK_KEY, "hourly consumption runs");
    this.reconcile = reconcile;
    this.delayMillis = config.integer("billing.schedule.delayMillis");
    this.catchUpHours = config.integer("billing.schedule.catchUpHours");
    this.invoiceDay = config.integer("invoicing.schedule.dayOfMonth");
    this.invoiceHour = config.integer("invoicing.schedule.hourUtc");
  }

  public boolean holdsLock() {
    return lock.held();
  }

  public void start() {
    // A lost session loses the lock, and the hour timer then does nothing; taking the lock again starts a new one.
    lock.start(config.integer("billing.schedule.retryMillis"), () -> {
      vertx.cancelTimer(hourTimer);
      catchUp();
      scheduleNext();
    });
    reconcileTimer = vertx.setPeriodic(config.integer("billing.reconcile.intervalMillis"), id -> {
      if (lock.held() && !stopped && !reconciling) {
        reconciling = true;
        reconcile.get().onComplete(done -> reconciling = false);
      }
    });
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(hourTimer);
    vertx.cancelTimer(reconcileTimer);
    return lock.stop();
  }

  private void scheduleNext() {
    Instant now = clock.instant();
    Instant due = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).plusMillis(delayMillis);
    hourTimer = vertx.setTimer(Math.max(1, Duration.between(now, due).toMillis()), id -> {
      if (lock.held()) {
        catchUp();
        scheduleNext();
      }
    });
  }

  private Instant previousHour() {
    return clock.instant().minus(Duration.ofMillis(delayMillis)).truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
  }

  private void catchUp() {
    Instant last = previousHour();
    Instant first = last.minus(catchUpHours - 1L, ChronoUnit.HOURS);
    if (!lock.held()) {
      return;
    }
    storage.read().consumptionRuns().unrun(first, last)
        .compose(hours -> {
          Future<Void> chain = Future.succeededFuture();
          for (Instant hour : hours) {
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
