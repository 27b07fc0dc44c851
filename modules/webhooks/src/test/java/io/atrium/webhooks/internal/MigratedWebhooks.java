package io.atrium.webhooks.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.testing.TestServices;
import io.atrium.webhooks.WebhooksVerticle;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.List;

/** A test run's own database with the webhooks schema, and a pool to it. */
record MigratedWebhooks(Vertx vertx, AtriumConfig config, Pool pool) implements AutoCloseable {

  static MigratedWebhooks open(String run) {
    Vertx vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().anotherRun(run);
    Migrations.apply(vertx, config, List.of(WebhooksVerticle.CHANGELOG)).await();
    return new MigratedWebhooks(vertx, config, Database.pool(vertx, config));
  }

  @Override
  public void close() {
    pool.close().await();
    vertx.close().await();
  }
}
