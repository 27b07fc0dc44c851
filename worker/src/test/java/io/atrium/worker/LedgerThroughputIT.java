package io.atrium.worker;

import io.atrium.platform.OutboxMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Not a timed test: prints one worker's apply rate for jobs already waiting in the queues. */
@ExtendWith(VertxExtension.class)
class LedgerThroughputIT {

  private static final int JOBS = 10_000;
  private LedgerHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = LedgerHarness.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void spread_over_1000_workspaces() throws Exception {
    List<UUID> workspaces = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toList();
    measure("1,000 workspaces", workspaces);
  }

  @Test
  void one_hot_workspace() throws Exception {
    measure("one workspace", List.of(UUID.randomUUID()));
  }

  private void measure(String label, List<UUID> workspaces) throws Exception {
    for (int i = 0; i < JOBS; i++) {
      OutboxMessage job = h.usage(workspaces.get(i % workspaces.size()), UUID.randomUUID(), 30);
      h.publishDirectly(job);
    }
    h.fixture.probe().channel().queueDeclarePassive(h.fixture.topology().partitionQueues("billing.jobs").get(0)); // a round trip: publishes are in
    long started = System.nanoTime();
    h.deployWorker();
    await("every job", Duration.ofSeconds(120), () -> applied(workspaces) >= JOBS);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("[ledger throughput] %s: %d usage jobs applied by one worker in %.2f s = %.0f jobs/s%n", label, JOBS, seconds, JOBS / seconds);
    assertThat(h.problems(workspaces)).isEmpty();
  }

  private long applied(List<UUID> workspaces) {
    return h.pool.preparedQuery("SELECT coalesce(sum(last_seq), 0) FROM billing.ledgers WHERE workspace_id = ANY($1)")
        .execute(io.vertx.sqlclient.Tuple.of((Object) workspaces.toArray(UUID[]::new))).await().iterator().next().getLong(0);
  }
}
