package io.atrium.webhooks;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.webhooks.internal.WebhookEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The webhooks context: answers {@link WebhookAddresses}. {@link WebhookDeliveryVerticle} sends the deliveries. */
public final class WebhooksVerticle extends VerticleBase {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("webhooks", "db/webhooks/changelog.yaml");

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;

  public WebhooksVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return WebhookEndpoints.serve(vertx, pool, config, clock);
  }
}
