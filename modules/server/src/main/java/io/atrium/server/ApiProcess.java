package io.atrium.server;

import io.atrium.billing.BillingNotificationsVerticle;
import io.atrium.billing.BillingVerticle;
import io.atrium.billing.ConsumptionScheduleVerticle;
import io.atrium.billing.SandboxPaymentProvider;
import io.atrium.identity.IdentityVerticle;
import io.atrium.organization.DomainRecheckVerticle;
import io.atrium.organization.OrganizationVerticle;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BacklogMeters;
import io.atrium.platform.Database;
import io.atrium.platform.Invalidations;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Readiness;
import io.atrium.server.http.HttpVerticle;
import io.atrium.server.http.ManagementVerticle;
import io.atrium.server.http.ProcessCaches;
import io.atrium.webhooks.WebhookDeliveryVerticle;
import io.atrium.webhooks.WebhooksVerticle;
import io.atrium.workspace.WorkspaceVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;

/**
 * The API process: HTTP (not ready until the rest is up), migrations once PostgreSQL answers, the contexts on the event
 * bus (billing with the sandbox payment provider, its notifications consumer and hourly schedule; webhooks with their
 * fan-out consumer and sender), the daily domain
 * re-verification, the outbox relay and one HTTP verticle per event loop.
 */
public final class ApiProcess {

  private final int port;
  private final ManagementVerticle management;

  private ApiProcess(int port, ManagementVerticle management) {
    this.port = port;
    this.management = management;
  }

  public int port() {
    return port;
  }

  /** Where {@code /metrics} is served; -1 when that port could not be opened. */
  public int managementPort() {
    return management.port();
  }

  public static Future<ApiProcess> start(Vertx vertx, AtriumConfig config, Clock clock) {
    int port = choosePort(config.integer("http.port"));
    Pool pool = Database.pool(vertx, config);
    OutboxRelay relay = new OutboxRelay(config);
    Readiness readiness = new Readiness(pool, relay::connected);
    ManagementVerticle management = new ManagementVerticle(config, readiness);
    Invalidations invalidations = Invalidations.listening(config, pool);
    ProcessCaches caches = ProcessCaches.create(pool, clock, invalidations);
    // HTTP first: while PostgreSQL or RabbitMQ is awaited, /health/ready answers 503 and the API "starting".
    return vertx.deployVerticle(() -> new HttpVerticle(config, readiness, port, caches),
            new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
        .compose(v -> Launch.migrate(vertx, config))
        // The caches stay bypassed until this LISTENs (and whenever it has lost its connection).
        .compose(v -> vertx.deployVerticle(invalidations))
        .compose(v -> vertx.deployVerticle(new OrganizationVerticle(pool, config, clock, invalidations)))
        .compose(v -> vertx.deployVerticle(new IdentityVerticle(pool, config, clock, invalidations)))
        .compose(v -> vertx.deployVerticle(new WorkspaceVerticle(pool, config, clock, invalidations)))
        .compose(v -> vertx.deployVerticle(new BillingVerticle(pool, config, clock, new SandboxPaymentProvider(pool, clock))))
        .compose(v -> vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)))
        .compose(v -> vertx.deployVerticle(new WebhooksVerticle(pool, config, clock)))
        .compose(v -> vertx.deployVerticle(new WebhookDeliveryVerticle(config, pool, clock)))
        .compose(v -> vertx.deployVerticle(new ConsumptionScheduleVerticle(config, clock)))
        .compose(v -> vertx.deployVerticle(new DomainRecheckVerticle(pool, config, clock)))
        .compose(v -> vertx.deployVerticle(relay))
        .compose(v -> vertx.deployVerticle(new BacklogMeters(pool, config)))
        .compose(v -> vertx.deployVerticle(management))
        .map(v -> {
          readiness.started();
          return new ApiProcess(port, management);
        });
  }

  /** Port 0 means any free port; every HTTP instance must then share that one. */
  private static int choosePort(int configured) {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
