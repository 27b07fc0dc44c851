package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "worker", description = "Runs the billing worker (many can run side by side; they share the partitions).")
final class WorkerCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    AtriumConfig config = AtriumConfig.load();
    io.vertx.core.Vertx vertx = Launch.vertx();
    Launch.closeAtExit(vertx);
    WorkerProcess.start(vertx, config).await();
    LoggerFactory.getLogger(WorkerCommand.class).info("Atrium worker consuming from {}", config.string("amqp.prefix"));
    return 0;
  }
}
