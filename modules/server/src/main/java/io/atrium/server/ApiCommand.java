package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "api", description = "Runs the HTTP API (migrates first; many can run side by side).")
final class ApiCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return Launch.startOrExplain(this::start);
  }

  private Integer start() {
    AtriumConfig config = AtriumConfig.load();
    ApiProcess api = ApiProcess.start(Launch.vertx(), config, Clock.systemUTC()).await();
    LoggerFactory.getLogger(ApiCommand.class).info("Atrium API listening on port {} ({})", api.port(), config.string("publicUrl"));
    return 0;
  }
}
