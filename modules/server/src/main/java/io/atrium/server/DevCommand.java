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
    return Launch.startOrExplain(this::start);
  }

  private Integer start() {
    AtriumConfig config = AtriumConfig.load();
    boolean embeddedAllowed = !"never".equalsIgnoreCase(config.string("embedded"));
    Map<String, Object> overrides = new HashMap<>();
    String postgres = "local";
    String broker = "local";
    if (!Reachable.answers(config.string("pg.url"), 5432)) {
      announce(embeddedAllowed, "PostgreSQL", config.string("pg.url"));
      if (embeddedAllowed) {
        overrides.put("pg.url", Reachable.withDatabase(EmbeddedPostgresServer.start().url(), "atrium"));
        postgres = "embedded";
      }
    }
    if (!Reachable.answers(config.string("amqp.url"), 5672)) {
      announce(embeddedAllowed, "RabbitMQ", config.string("amqp.url"));
      if (embeddedAllowed) {
        overrides.put("amqp.url", EmbeddedAmqpBroker.start().url());
        broker = "embedded";
      }
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

  private static void announce(boolean allowed, String what, String url) {
    System.out.println(what + " does not answer at " + url + (allowed ? ": starting an embedded one" : ": waiting for it (ATRIUM_EMBEDDED=never)"));
  }
}
