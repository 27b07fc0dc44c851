package io.atrium.server;

import io.atrium.platform.Database;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.TestApi;
import io.atrium.worker.LedgerVerifier;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last (see junit-platform.properties): `./atrium ledger verify`'s check over everything the whole
 * suite wrote to this run's database — every workspace's balance, gap-free seq, hash chain and sources.
 */
@Order(Integer.MAX_VALUE)
class LedgerVerificationIT {

  @Test
  void everyLedgerTheSuiteWroteHoldsItsInvariants() {
    TestApi.get();
    Vertx vertx = Vertx.vertx();
    try {
      var pool = Database.pool(vertx, TestServices.get().config());
      long workspaces = pool.query("SELECT count(*) FROM billing.ledgers").execute().await().iterator().next().getLong(0);
      List<LedgerVerifier.Problem> problems = LedgerVerifier.verify(pool).await();
      System.out.printf("[atrium tests] ledger verify: %d workspaces checked, %d failing%n", workspaces, problems.size());
      assertThat(problems).isEmpty();
    } finally {
      vertx.close().await();
    }
  }
}
