package io.atrium.worker;

import io.atrium.billing.SandboxPaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BacklogMeters;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The billing worker process: migrations once PostgreSQL answers, a check that the database is not newer than this
 * worker ({@link SchemaVersionGuard}: refused at start, and the consumer stops when a newer version migrates later),
 * the consumer of every billing partition applying the ledger once RabbitMQ answers, and an outbox relay for what the
 * ledger appends (notifications to the API, automatic top-up jobs, billing events), and the hourly {@link LedgerSweep}. Run alone
 * ({@code ./atrium worker}) it serves health and metrics on {@code worker.httpPort}, not ready until it consumes; {@code ./atrium dev}
 * runs it beside the API without. The caller hands it every context's changelog (the binary's schema; the worker knows only
 * billing's).
 */
public final class WorkerProcess {

  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
  private static final long GUARD_INTERVAL_MILLIS = 30_000;

  private WorkerProcess() {}

  public static Future<Void> start(Vertx vertx, AtriumConfig config, Clock clock, List<Migrations.Changelog> changelogs,
                                   boolean serveHealth) {
    Pool pool = Database.pool(vertx, config);
    var handlers = Ledger.handlers(pool, config, clock, new SandboxPaymentProvider(pool, clock));
    BillingWorker worker = new BillingWorker(config, handlers);
    Readiness readiness = new Readiness(pool, worker::consuming);
    SchemaVersionGuard guard = new SchemaVersionGuard();
    Future<?> health = serveHealth
        ? vertx.deployVerticle(new WorkerHealthVerticle(readiness, config.integer("worker.httpPort")))
        : Future.succeededFuture();
    return health
        .compose(v -> Migrations.applyOnceReachable(vertx, config, changelogs))
        .compose(v -> guard.check(pool))
        .compose(v -> vertx.deployVerticle(worker))
        .onSuccess(id -> stopWhenANewerVersionMigrates(vertx, pool, guard, id))
        .compose(id -> vertx.deployVerticle(new OutboxRelay(config)))
        .compose(id -> vertx.deployVerticle(new BacklogMeters(pool, config)))
        .compose(id -> vertx.deployVerticle(new LedgerSweep(pool, config, clock, Duration.ofHours(1))))
        .onSuccess(id -> readiness.started())
        .mapEmpty();
  }

  // A newer version migrating while this worker runs: stop consuming (unacked jobs go back to their queues for the new workers).
  private static void stopWhenANewerVersionMigrates(Vertx vertx, Pool pool, SchemaVersionGuard guard, String consumer) {
    vertx.setPeriodic(GUARD_INTERVAL_MILLIS, timer -> guard.check(pool).onFailure(e -> {
      if (e instanceof IllegalStateException) {
        vertx.cancelTimer(timer);
        log.error("billing worker stops consuming: {}", e.getMessage());
        vertx.undeploy(consumer);
      }
    }));
  }
}
