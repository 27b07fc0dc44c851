package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.function.Function;

/** What an operator's {@code replay} command takes: {@code --all} or ids, never both, never neither; and its database. */
final class ReplaySelection {

  @Option(names = "--all", description = "every one")
  boolean all;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "the ones to replay")
  List<String> ids = List.of();

  /** Whether exactly one of {@code --all} and ids was given; says what to give on standard error when not. */
  boolean valid() {
    if (all == !ids.isEmpty()) {
      System.err.println("give either --all or one or more ids");
      return false;
    }
    return true;
  }

  /** Runs {@code body} with a pool on the configured database, then closes both. */
  static int withPool(Function<Pool, Integer> body) {
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, AtriumConfig.load());
    try {
      return body.apply(pool);
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }
}
