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
    StartupRefused.unlessPortFree(config.integer("http.port"));
    boolean embeddedAllowed = !"never".equalsIgnoreCase(config.string("embedded"));
    Map<String, Object> overrides = new HashMap<>();
    java.util.List<AutoCloseable> embeddedServices = new java.util.ArrayList<>();
    String postgres = "local";
    String broker = "local";
    if (!Reachable.answers(config.string("pg.url"), 5432)) {
      requireEmbeddedAllowed(embeddedAllowed, "PostgreSQL", config.string("pg.url"));
      EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start();
      embeddedServices.add(0, embedded); // stopped last
      overrides.put("pg.url", Reachable.withDatabase(embedded.url(), "atrium"));
      postgres = "embedded";
    }
    if (!Reachable.answers(config.string("amqp.url"), 5672)) {
      requireEmbeddedAllowed(embeddedAllowed, "RabbitMQ", config.string("amqp.url"));
      EmbeddedAmqpBroker embedded = EmbeddedAmqpBroker.start();
      embeddedServices.add(0, embedded);
      overrides.put("amqp.url", embedded.url());
      broker = "embedded";
    }
    boolean devMailbox = config.string("smtp.host") == null || config.string("smtp.host").isBlank();
    // Without SMTP, dev keeps its mail in memory for /dev/mail and the console's "Mail (dev)" page.
    overrides.put("mail.devMailbox", devMailbox);
    AtriumConfig effective = config.with(overrides);
    Vertx vertx = Launch.vertx();
    Launch.closeAtExit(vertx, embeddedServices.toArray(AutoCloseable[]::new));
    Clock clock = Clock.systemUTC();
    ApiProcess api = ApiProcess.start(vertx, effective, clock).await();
    WorkerProcess.start(vertx, effective).await();
    System.out.printf("%n  Atrium (dev) is up at http://localhost:%d (public URL %s)%n  PostgreSQL: %s  %s%n  AMQP:       %s  %s%n  Mail:       %s%n%n",
        api.port(), effective.string("publicUrl"),
        postgres, withoutPassword(effective.string("pg.url")),
        broker, withoutPassword(effective.string("amqp.url")),
        devMailbox ? "kept at http://localhost:" + api.port() + "/dev/mail and written to the log (no SMTP configured)"
            : effective.string("smtp.host"));
    return 0;
  }

  private static String withoutPassword(String url) {
    return url.replaceFirst("(//[^:/@]+):[^@]*@", "$1:***@");
  }

  private static void requireEmbeddedAllowed(boolean allowed, String what, String url) {
    if (!allowed) {
      throw new IllegalStateException(what + " does not answer at " + url + " and ATRIUM_EMBEDDED=never");
    }
    System.out.println(what + " does not answer at " + url + ": starting an embedded one");
  }
}
