package io.atrium.server;

import io.atrium.embedded.EmbeddedAmqpBroker;
import io.atrium.embedded.EmbeddedPostgresServer;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Reachable;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dev", description = "Runs API and worker in one process, on local PostgreSQL and RabbitMQ or embedded ones.")
final class DevCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    AtriumConfig config = AtriumConfig.load();
    boolean embeddedAllowed = !"never".equalsIgnoreCase(config.string("embedded"));
    Map<String, Object> overrides = new HashMap<>();
    String postgres = "local";
    String broker = "local";
    if (!Reachable.answers(config.string("pg.url"), 5432)) {
      requireEmbeddedAllowed(embeddedAllowed, "PostgreSQL", config.string("pg.url"));
      overrides.put("pg.url", Reachable.withDatabase(EmbeddedPostgresServer.start().url(), "atrium"));
      postgres = "embedded";
    }
    if (!Reachable.answers(config.string("amqp.url"), 5672)) {
      requireEmbeddedAllowed(embeddedAllowed, "RabbitMQ", config.string("amqp.url"));
      overrides.put("amqp.url", EmbeddedAmqpBroker.start().url());
      broker = "embedded";
    }
    if (config.string("sso.secretKey").isBlank()) {
      overrides.put("sso.secretKey", DevSecretKey.load());
    }
    AtriumConfig effective = config.with(overrides);
    Vertx vertx = Launch.vertx();
    Clock clock = Clock.systemUTC();
    ApiProcess api = ApiProcess.start(vertx, effective, clock).await();
    WorkerProcess.start(vertx, effective).await();
    System.out.printf("%n  Atrium (dev) is up at http://localhost:%d (public URL %s)%n  PostgreSQL: %s  %s%n  AMQP:       %s  %s%n  Mail:       %s%n%n",
        api.port(), effective.string("publicUrl"),
        postgres, withoutPassword(effective.string("pg.url")),
        broker, withoutPassword(effective.string("amqp.url")),
        effective.string("smtp.host").isBlank() ? "written to the log (no SMTP configured)" : effective.string("smtp.host"));
    return 0;
  }

  private static String withoutPassword(String url) {
    return url.replaceFirst("(//[^:/@]+):[^@]*@", "$1:***@");
  }

  private static void requireEmbeddedAllowed(boolean allowed, String what, String url) {
    if (!allowed) {
      throw new IllegalStateException(what + " does not answer at " + withoutPassword(url) + " and ATRIUM_EMBEDDED=never");
    }
    System.out.println(what + " does not answer at " + withoutPassword(url) + ": starting an embedded one");
  }
}
