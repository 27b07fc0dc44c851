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
    return run(AtriumConfig.load());
  }

  /** Exit code 2 without starting anything when the SSO secret key is missing. */
  static int run(AtriumConfig config) {
    if (config.string("sso.secretKey").isBlank()) {
      // No built-in key: SSO client secrets under a key everyone knows would be as good as plain text.
      System.err.println("atrium api: ATRIUM_SSO_SECRET_KEY is not set. Set it to base64 of 32 random bytes "
          + "(openssl rand -base64 32), the same for every API process; `./atrium dev` makes one for development.");
      return 2;
    }
    ApiProcess api = ApiProcess.start(Launch.vertx(), config, Clock.systemUTC()).await();
    LoggerFactory.getLogger(ApiCommand.class).info("Atrium API listening on port {} ({})", api.port(), config.string("publicUrl"));
    return 0;
  }
}
