package io.atrium.webhooks;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.platform.ServingVerticle;
import io.atrium.webhooks.internal.WebhookEndpoints;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The webhooks context: answers {@link WebhookAddresses}. {@link WebhookDeliveryVerticle} sends the deliveries. */
public final class WebhooksVerticle extends ServingVerticle {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("webhooks", "db/webhooks/changelog.yaml");

  public WebhooksVerticle(Pool pool, AtriumConfig config, Clock clock) {
    super(vertx -> WebhookEndpoints.serve(vertx, pool, config, clock));
  }
}
