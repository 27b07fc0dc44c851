package io.atrium.server;

import io.atrium.embedded.EmbeddedAmqpBroker;
import io.atrium.embedded.EmbeddedPostgresServer;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Reachable;
import io.atrium.worker.WorkerProcess;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dev", description = "Runs API and worker in one process, on local PostgreSQL and RabbitMQ or embedded ones.")
final class DevCommand implements Callable<Integer> {

  @Option(names = "--demo", description = "Also seed a demo organization with 30 days of history and last month's invoice.")
  boolean demo;

  @Override
  public Integer call() {
    return Launch.startOrExplain(this::start);
  }

  private Integer start() throws Exception {
    AtriumConfig config = AtriumConfig.load();
    StartupRefused.unlessPortFree(config.integer("http.port"));
    StartupChecks.credentials(config);
    boolean smtp = config.string("smtp.host") != null && !config.string("smtp.host").isBlank();
    if (demo && smtp) {
      throw new StartupRefused("--demo accepts its invitations with tokens from the dev mailbox: unset ATRIUM_SMTP_HOST");
    }
    boolean embeddedAllowed = !"never".equalsIgnoreCase(config.string("embedded"));
    Map<String, Object> overrides = new HashMap<>();
    List<AutoCloseable> embeddedServices = new ArrayList<>();
    String postgres = "local";
    String broker = "local";
    if (!Reachable.answers(config.string("pg.url"), 5432)) {
      announce(embeddedAllowed, "PostgreSQL", config.string("pg.url"));
      if (embeddedAllowed) {
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start();
        embeddedServices.add(0, embedded); // stopped last
        overrides.put("pg.url", Reachable.withDatabase(embedded.url(), "atrium"));
        postgres = "embedded";
      }
    }
    if (!Reachable.answers(config.string("amqp.url"), 5672)) {
      announce(embeddedAllowed, "RabbitMQ", config.string("amqp.url"));
      if (embeddedAllowed) {
        EmbeddedAmqpBroker embedded = EmbeddedAmqpBroker.start();
        embeddedServices.add(0, embedded);
        overrides.put("amqp.url", embedded.url());
        broker = "embedded";
      }
    }
    boolean devMailbox = !smtp;
    // Without SMTP, dev keeps its mail in memory for /dev/mail and the console's "Mail (dev)" page.
    overrides.put("mail.devMailbox", devMailbox);
    if (demo) {
      overrides.put("operators", String.join(",", config.list("operators")) + "," + DemoSeed.OPERATOR);
    }
    overrides.putAll(SecretKeys.forDevelopment(config));
    AtriumConfig effective = config.with(overrides);
    Vertx vertx = Launch.vertx();
    Launch.closeAtExit(vertx, embeddedServices.toArray(AutoCloseable[]::new));
    DemoClock demoClock = new DemoClock();
    Clock clock = demo ? demoClock : Clock.systemUTC();
    ApiProcess api = ApiProcess.start(vertx, effective, clock).await();
    WorkerProcess.start(vertx, effective, clock, Launch.changelogs(), false).await();
    String demoLine = demo ? DemoSeed.seedAndDescribe(api.port(), demoClock) : "";
    System.out.printf("%n  Atrium (dev) is up at http://localhost:%d (public URL %s)%n  PostgreSQL: %s  %s%n  AMQP:       %s  %s%n  Mail:       %s%n%s%n",
        api.port(), effective.string("publicUrl"),
        postgres, StartupChecks.withoutPassword(effective.string("pg.url")),
        broker, StartupChecks.withoutPassword(effective.string("amqp.url")),
        devMailbox ? "kept at http://localhost:" + api.port() + "/dev/mail and written to the log (no SMTP configured)"
            : effective.string("smtp.host"), demoLine);
    return 0;
  }

  private static void announce(boolean allowed, String what, String url) {
    System.out.println(what + " does not answer at " + url + (allowed ? ": starting an embedded one" : ": waiting for it (ATRIUM_EMBEDDED=never)"));
  }
}
