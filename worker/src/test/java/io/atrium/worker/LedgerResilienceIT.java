package io.atrium.worker;

import io.atrium.platform.DeadLetters;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Exactly once while workers stop, restart and compete, and with a poison message in the stream. */
@ExtendWith(VertxExtension.class)
class LedgerResilienceIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private LedgerHarness h;
  private final List<UUID> workspaces = new ArrayList<>();
  private final Map<UUID, Long> expectedBalance = new HashMap<>();
  private final Map<UUID, Long> expectedEntries = new HashMap<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = LedgerHarness.start(vertx, Map.of("billing.batchSize", 50));
    h.deployRelay();
    for (int i = 0; i < 12; i++) {
      workspaces.add(UUID.randomUUID());
    }
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void a_worker_stopped_mid_stream_and_started_again_leaves_exact_balances() throws Exception {
    String worker = h.deployWorker();
    h.send(stream(3000).toArray(OutboxMessage[]::new));
    await("some progress", WAIT, () -> appliedEntries() > 300);
    h.undeploy(worker); // unacked deliveries return to their queues; a batch may have committed without its ack

    h.deployWorker();
    assertExactBalances();
  }

  @Test
  void two_workers_at_once_give_the_same_result() throws Exception {
    h.deployWorker();
    h.deployWorker();
    h.send(stream(2000).toArray(OutboxMessage[]::new));
    assertExactBalances();
  }

  @Test
  void a_poison_job_is_dead_lettered_while_its_partition_goes_on() throws Exception {
    h.deployWorker();
    UUID ws = workspaces.get(0);
    OutboxMessage poison = h.job(ws, "billing.consumption", new io.vertx.core.json.JsonObject().put("resourceId", "r")
        .put("plan", "1xCPU-1GB").put("hour", "not an hour").put("amount", 1));
    List<OutboxMessage> jobs = new ArrayList<>(List.of(h.grant(ws, 10 * EUR, null), poison));
    for (int i = 0; i < 20; i++) {
      jobs.add(h.usage(ws, UUID.randomUUID(), EUR / 10));
    }
    h.send(jobs.toArray(OutboxMessage[]::new));

    await("the poison job kept as a dead letter", WAIT, () -> DeadLetters.list(h.pool, 1000).await().stream()
        .anyMatch(l -> l.id().equals(poison.id().toString()) && l.reason().contains("not an hour")));
    await("the other jobs", WAIT, () -> h.lastSeq(ws) == 21);
    assertThat(h.balance(ws)).isEqualTo(8 * EUR);
    assertThat(h.problems(List.of(ws))).isEmpty();
  }

  /** Usage, grants and consumption over the workspaces, one in ten sent again; records what must come out. */
  private List<OutboxMessage> stream(int count) {
    Random random = new Random(42);
    List<OutboxMessage> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID ws = workspaces.get(random.nextInt(workspaces.size()));
      long amount = 1 + random.nextInt(5_000_000);
      OutboxMessage job = switch (random.nextInt(3)) {
        case 0 -> h.grant(ws, amount, null);
        case 1 -> h.consumption(ws, "r" + i, h.clock.instant(), amount);
        default -> h.usage(ws, UUID.randomUUID(), amount);
      };
      long signed = job.type().equals("billing.credit-grant") ? amount : -amount;
      expectedBalance.merge(ws, signed, Long::sum);
      expectedEntries.merge(ws, 1L, Long::sum);
      jobs.add(job);
      if (random.nextInt(10) == 0) {
        jobs.add(LedgerHarness.repeat(job)); // the outbox holds a message id once; redeliveries come from the stops
      }
    }
    return jobs;
  }

  private long appliedEntries() {
    return workspaces.stream().mapToLong(h::lastSeq).sum();
  }

  private void assertExactBalances() throws Exception {
    long total = expectedEntries.values().stream().mapToLong(Long::longValue).sum();
    await("every job", WAIT, () -> appliedEntries() == total);
    Thread.sleep(300); // a duplicate applied late would show now
    for (UUID ws : expectedEntries.keySet()) {
      assertThat(h.balance(ws)).as("balance of %s", ws).isEqualTo(expectedBalance.get(ws));
      assertThat(h.lastSeq(ws)).isEqualTo(expectedEntries.get(ws));
    }
    assertThat(h.problems(workspaces)).isEmpty();
  }
}
