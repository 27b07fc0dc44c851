package io.atrium.server;

import io.atrium.billing.BillingSchema;
import io.atrium.webhooks.WebhooksVerticle;
import io.atrium.identity.IdentityVerticle;
import io.atrium.organization.OrganizationVerticle;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.workspace.WorkspaceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.List;

/** What every process shares: a Vert.x with Prometheus metrics, and the migrations of every context. */
public final class Launch {

  private Launch() {}

  /**
   * HTTP server, pool and JVM metrics; not the event bus's or the TCP clients' (PostgreSQL connections), counted per
   * message and per read: Micrometer was 11.7 % of the API's samples under load with them (issue 16). No dashboard
   * uses them.
   */
  public static Vertx vertx() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS).addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .setEnabled(true)));
    // Counters kept in Micrometer's global registry (BillingMetrics) are scraped with Vert.x's own at /metrics.
    io.micrometer.core.instrument.Metrics.addRegistry(io.vertx.micrometer.backends.BackendRegistries.getDefaultNow());
    return vertx;
  }

  /**
   * At exit (SIGTERM, Ctrl-C), closes Vert.x first, so nothing is served or consumed any more, then what it used,
   * in order (the embedded broker and PostgreSQL of {@code ./atrium dev}): a quiet stop instead of every client
   * logging its lost connection. Logging stops last, so the asynchronous appenders write out what they still hold.
   */
  static void closeAtExit(Vertx vertx, AutoCloseable... thenClose) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("atrium: Vert.x did not close within 10 s: " + e);
      }
      for (AutoCloseable resource : thenClose) {
        try {
          resource.close();
        } catch (Exception e) {
          System.err.println("atrium: could not stop " + resource + ": " + e);
        }
      }
      if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
        logging.stop();
      }
    }, "atrium-shutdown"));
  }

  /** Each context's changelog, platform's first: what this binary migrates, the worker's process included. */
  public static List<Migrations.Changelog> changelogs() {
    return List.of(Outbox.CHANGELOG, IdentityVerticle.CHANGELOG, OrganizationVerticle.CHANGELOG, WorkspaceVerticle.CHANGELOG,
        BillingSchema.CHANGELOG, WebhooksVerticle.CHANGELOG);
  }

  /** Waits for PostgreSQL (capped backoff, a log line per attempt), then migrates. */
  static Future<Void> migrate(Vertx vertx, AtriumConfig config) {
    return Migrations.applyOnceReachable(vertx, config, changelogs());
  }

  /**
   * Runs a long-running command's start; a failure that waiting cannot cure (a wrong password, a bad URL, a port in
   * use) ends the process with one line saying why, not a stack trace.
   */
  static int startOrExplain(java.util.concurrent.Callable<Integer> start) {
    try {
      return start.call();
    } catch (StartupRefused e) {
      throw e;
    } catch (Exception e) {
      throw new StartupRefused(StartupChecks.explain(e));
    }
  }

}
