package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger sweep: one worker of many runs it (an advisory lock), and it reaches every due workspace, page after page. */
@ExtendWith(VertxExtension.class)
class LedgerSweepIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private LedgerHarness h;
  private Vertx vertx;
  private final List<UUID> inserted = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    h = LedgerHarness.start(vertx, Map.of()); // no worker, no relay: the queued jobs are read from the outbox
  }

  @AfterEach
  void stop() throws Exception {
    // Other classes share the database: leave them neither these ledgers nor their jobs.
    UUID[] ids = inserted.toArray(UUID[]::new);
    h.pool.preparedQuery("DELETE FROM platform.outbox WHERE message_type = $1 AND (payload->>'workspaceId')::uuid = ANY($2)")
        .execute(Tuple.tuple().addValue(BillingJobs.REEVALUATE).addValue(ids)).await();
    h.pool.preparedQuery("DELETE FROM billing.ledgers WHERE workspace_id = ANY($1)").execute(Tuple.of((Object) ids)).await();
    h.close();
  }

  @Test
  void a_sweep_reaches_every_due_workspace_even_more_than_a_page_of_them() {
    int due = LedgerSweep.PAGE + 5;
    h.pool.preparedQuery("""
        INSERT INTO billing.ledgers (workspace_id, currency, last_hash, updated_at, status, spend_month)
        SELECT gen_random_uuid(), 'EUR', '\\x00', now(), 'suspended', '2026-10' FROM generate_series(1, $1) RETURNING workspace_id""")
        .execute(Tuple.of(due)).await().forEach((Row r) -> inserted.add(r.getUUID("workspace_id")));

    List<UUID> swept = new LedgerSweep(h.pool, h.config, h.clock, Duration.ofHours(1)).sweep().await();
    assertThat(swept).containsAll(inserted).doesNotHaveDuplicates();
    long queued = h.pool.preparedQuery("SELECT count(*) AS n FROM platform.outbox WHERE message_type = $1 AND (payload->>'workspaceId')::uuid = ANY($2)")
        .execute(Tuple.tuple().addValue(BillingJobs.REEVALUATE).addValue(inserted.toArray(UUID[]::new))).await().iterator().next().getLong("n");
    assertThat(queued).isEqualTo(due);
  }

  @Test
  void one_worker_of_many_sweeps_and_another_takes_over_when_it_stops() throws Exception {
    LedgerSweep first = new LedgerSweep(h.pool, h.config, h.clock, Duration.ofMillis(300));
    LedgerSweep second = new LedgerSweep(h.pool, h.config, h.clock, Duration.ofMillis(300));
    String firstId = vertx.deployVerticle(first).await();
    String secondId = vertx.deployVerticle(second).await();
    await("a holder", WAIT, () -> first.holdsLock() || second.holdsLock());
    Thread.sleep(1000); // both have tried again by now
    assertThat(first.holdsLock() && second.holdsLock()).as("never both").isFalse();

    LedgerSweep other = first.holdsLock() ? second : first;
    vertx.undeploy(first.holdsLock() ? firstId : secondId).await();
    await("the other takes over", WAIT, other::holdsLock);
  }
}
