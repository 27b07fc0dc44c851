package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.worker.BillingWorker;
import io.atrium.worker.JobHandlers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The billing worker process: migrations, then the consumer of every billing partition. */
public final class WorkerProcess {

  private WorkerProcess() {}

  public static Future<Void> start(Vertx vertx, AtriumConfig config) {
    // The billing issue registers the ledger's handlers here; until then every job type is unknown
    // and dead-lettered, which is what a worker should do with work it cannot do.
    JobHandlers handlers = new JobHandlers();
    return Launch.migrate(vertx, config)
        .compose(v -> vertx.deployVerticle(new BillingWorker(config, handlers)))
        .mapEmpty();
  }
}
