package io.atrium.server;

import io.atrium.billing.SandboxPaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.OutboxRelay;
import io.atrium.worker.BillingWorker;
import io.atrium.worker.Ledger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The billing worker process: migrations, the consumer of every billing partition applying the ledger,
 * and an outbox relay for what the ledger appends (notifications to the API, automatic top-up jobs).
 */
public final class WorkerProcess {

  private WorkerProcess() {}

  public static Future<Void> start(Vertx vertx, AtriumConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<Void> start(Vertx vertx, AtriumConfig config, Clock clock) {
    Pool pool = Database.pool(vertx, config);
    var handlers = Ledger.handlers(pool, config, clock, new SandboxPaymentProvider(pool, clock));
    return Launch.migrate(vertx, config)
        .compose(v -> vertx.deployVerticle(new BillingWorker(config, handlers)))
        .compose(id -> vertx.deployVerticle(new OutboxRelay(config)))
        .mapEmpty();
  }
}
