package io.atrium.worker;

import io.atrium.billing.BillingSchema;
import io.atrium.billing.SandboxPaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.ServiceWait;
import io.atrium.platform.testing.TcpProxy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One billing worker process as the fault test runs it: its own Vert.x, and its own TCP proxies to PostgreSQL
 * and RabbitMQ, so the test can take a service away from it, or kill it (cut both and drop everything at once,
 * as kill -9 would: no goodbye to the broker, no commit).
 */
final class WorkerInstance {

  final Vertx vertx = Vertx.vertx();
  final TcpProxy postgres;
  final TcpProxy broker;
  final AtriumConfig config;
  private boolean postgresOpen;
  private boolean killed;

  private WorkerInstance(AtriumConfig base, Map<String, Object> overrides) throws Exception {
    URI pg = URI.create(base.string("pg.url"));
    URI amqp = URI.create(base.string("amqp.url"));
    postgres = new TcpProxy(vertx, pg.getHost(), pg.getPort() > 0 ? pg.getPort() : 5432);
    broker = new TcpProxy(vertx, amqp.getHost(), amqp.getPort() > 0 ? amqp.getPort() : 5672);
    config = base.with(Map.of("pg.url", postgres.rewrite(base.string("pg.url")), "amqp.url", broker.rewrite(base.string("amqp.url"))))
        .with(overrides);
  }

  /** Starts the worker behind its proxies; PostgreSQL may be away ({@code postgresUp} false): it waits. */
  static WorkerInstance start(AtriumConfig base, Map<String, Object> overrides, boolean postgresUp, Clock clock) throws Exception {
    WorkerInstance worker = new WorkerInstance(base, overrides);
    worker.broker.open().await();
    if (postgresUp) {
      worker.openPostgres();
    }
    worker.deploy(clock);
    return worker;
  }

  /** What WorkerProcess does: wait for PostgreSQL and migrate, then consume, and relay what the ledger appends. */
  private void deploy(Clock clock) {
    Pool pool = Database.pool(vertx, config);
    ServiceWait.until(vertx, config, "PostgreSQL", () -> Migrations.apply(vertx, config, List.of(Outbox.CHANGELOG, BillingSchema.CHANGELOG)))
        .compose(v -> vertx.deployVerticle(new BillingWorker(config, Ledger.handlers(pool, config, clock, new SandboxPaymentProvider(pool, clock)))))
        .compose(v -> vertx.deployVerticle(new OutboxRelay(config)));
  }

  void openPostgres() {
    if (!postgresOpen && !killed) {
      postgres.open().await();
      postgresOpen = true;
    }
  }

  void cutPostgres() {
    if (postgresOpen) {
      postgres.cut().await();
      postgresOpen = false;
    }
  }

  /** Kill -9 as the services see it: every connection drops at once, nothing is said or committed. */
  void kill() {
    cutPostgres();
    broker.cut().await();
    killed = true;
    vertx.close();
  }

  Future<Void> close() {
    return killed ? Future.succeededFuture() : vertx.close();
  }
}
