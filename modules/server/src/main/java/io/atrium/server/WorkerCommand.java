package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.worker.WorkerProcess;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "worker", description = "Runs the billing worker (many can run side by side; they share the partitions).")
final class WorkerCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return Launch.startOrExplain(this::start);
  }

  private Integer start() {
    AtriumConfig config = AtriumConfig.load();
    SecretKeys.require(config, java.util.List.of(SecretKeys.OUTBOX)); // its relay sends queued mail
    StartupChecks.credentials(config);
    io.vertx.core.Vertx vertx = Launch.vertx();
    Launch.closeAtExit(vertx);
    WorkerProcess.start(vertx, config, Clock.systemUTC(), Launch.changelogs(), true).await();
    LoggerFactory.getLogger(WorkerCommand.class).info("Atrium worker consuming from {} (health and metrics on port {})",
        config.string("amqp.prefix"), config.integer("worker.httpPort"));
    return 0;
  }
}
