package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.worker.LedgerVerifier;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "ledger", description = "Billing ledger tools.", subcommands = LedgerCommand.Verify.class)
final class LedgerCommand {

  @Command(name = "verify", description = "Checks every workspace's ledger invariants; exits 0 only if all hold.")
  static final class Verify implements Callable<Integer> {

    @Override
    public Integer call() {
      Vertx vertx = Vertx.vertx();
      AtriumConfig config = AtriumConfig.load();
      var pool = Database.pool(vertx, config);
      // Say which database: a verify against the wrong one would pass and prove nothing.
      System.out.println("checking the ledgers in " + StartupChecks.withoutPassword(config.string("pg.url")));
      try {
        List<LedgerVerifier.Problem> problems = LedgerVerifier.verify(pool).await();
        var byWorkspace = problems.stream().collect(Collectors.groupingBy(LedgerVerifier.Problem::workspaceId,
            java.util.LinkedHashMap::new, Collectors.mapping(LedgerVerifier.Problem::what, Collectors.toList())));
        byWorkspace.forEach((UUID workspace, List<String> what) -> {
          System.out.println("FAIL workspace " + workspace);
          what.forEach(line -> System.out.println("  - " + line));
        });
        long workspaces = LedgerVerifier.ledgers(pool).await();
        System.out.printf("%d workspaces checked, %d failing%n", workspaces, byWorkspace.size());
        return byWorkspace.isEmpty() ? 0 : 1;
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }
}
