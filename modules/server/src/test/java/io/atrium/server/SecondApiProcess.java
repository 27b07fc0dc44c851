package io.atrium.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Another API process on the test database, as an operator would run it: its database URL carries a password
 * (PostgreSQL here trusts local connections, so any password connects), it sits behind a trusted proxy on
 * 127.0.0.1, and the login limits are the shipped defaults. Everything it logs from its start on is kept.
 */
final class SecondApiProcess implements AutoCloseable {

  final String password = "pw-" + UUID.randomUUID();
  final URI base;
  final URI management;
  /** Its own metrics registry: closing this process must not close the one the test API's /metrics serves. */
  static final String REGISTRY = "second-api-" + UUID.randomUUID();
  private final Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setMetricsOptions(new io.vertx.micrometer.MicrometerMetricsOptions()
      .setPrometheusOptions(new io.vertx.micrometer.VertxPrometheusOptions().setEnabled(true)).setRegistryName(REGISTRY).setEnabled(true)));
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      log.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
  };
  private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();

  SecondApiProcess() {
    this(Map.of());
  }

  /** {@code settings}: more configuration (say, the test API's mail server, should this process's outbox relay send). */
  SecondApiProcess(Map<String, Object> settings) {
    AtriumConfig shared = TestServices.get().config().with(settings);
    PgConnectOptions db = Database.connectOptions(shared.string("pg.url"));
    String url = "postgresql://" + db.getUser() + ":" + password + "@" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
    AtriumConfig config = shared.with(Map.of("pg.url", url, "trustedProxies", "127.0.0.1/32, ::1", "management.port", 0));
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
    ApiProcess api = ApiProcess.start(vertx, config, Clock.systemUTC()).await();
    base = URI.create("http://127.0.0.1:" + api.port());
    management = URI.create("http://127.0.0.1:" + api.managementPort());
  }

  /**
   * A second process beside the test API, sending mail to its mailbox, returned once both {@code LISTEN} for cache
   * invalidations (until then their caches are bypassed, and a test of them would prove nothing).
   */
  static SecondApiProcess listeningBeside(io.atrium.server.testing.TestApi api) {
    SecondApiProcess other = new SecondApiProcess(Map.of("smtp.host", "127.0.0.1", "smtp.port", api.mail.port()));
    io.atrium.server.testing.Eventually.holds(java.time.Duration.ofSeconds(10), "both API processes listen",
        () -> io.atrium.server.testing.TestDatabase.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            + " AND query ILIKE 'LISTEN%atrium_invalidate%'").size() >= 2);
    return other;
  }

  /** What a Prometheus scrape of this process shows. */
  String metrics() {
    return ((io.micrometer.prometheusmetrics.PrometheusMeterRegistry) io.vertx.micrometer.backends.BackendRegistries.getNow(REGISTRY)).scrape();
  }

  String log() {
    return String.join("\n", log);
  }

  @Override
  public void close() {
    root.setLevel(rootLevel);
    root.detachAppender(appender);
    vertx.close().await();
  }
}
