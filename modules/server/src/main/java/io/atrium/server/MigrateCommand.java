package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "migrate", description = "Applies the database migrations of every context and exits.")
final class MigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      Launch.migrate(vertx, AtriumConfig.load()).await();
      System.out.println("Migrations applied.");
      return 0;
    } finally {
      vertx.close().await();
    }
  }
}
