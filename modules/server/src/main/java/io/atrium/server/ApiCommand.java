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
    // The dev mailbox would show every user's mailed tokens to anyone: never in a production process.
    AtriumConfig config = AtriumConfig.load().with(java.util.Map.of("mail.devMailbox", false));
    SecretKeys.require(config);
    StartupRefused.unlessPortFree(config.integer("http.port"));
    StartupChecks.credentials(config);
    io.vertx.core.Vertx vertx = Launch.vertx();
    Launch.closeAtExit(vertx);
    ApiProcess api = ApiProcess.start(vertx, config, Clock.systemUTC()).await();
    LoggerFactory.getLogger(ApiCommand.class).info("Atrium API listening on port {} ({})", api.port(), config.string("publicUrl"));
    return 0;
  }
}
