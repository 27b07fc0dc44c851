package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.DeadLetters;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job dead-lettered by a deterministic failure that is then fixed is applied exactly once by a replay. The
 * ledger here first checks that the job's workspace exists (a table of this test), as a ledger that knows
 * workspaces would: a job for a missing one fails the same way on every delivery until the workspace is there.
 */
@ExtendWith(VertxExtension.class)
class DeadLetterReplayIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private LedgerHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = LedgerHarness.start(vertx, Map.of());
    h.pool.query("CREATE TABLE IF NOT EXISTS public.replay_test_workspaces (id uuid PRIMARY KEY)").execute().await();
    BatchHandler ledger = Ledger.handlers(h.pool, h.config, h.clock, h.provider)::apply;
    JobHandlers handlers = new JobHandlers().register(List.of(BillingJobs.USAGE, BillingJobs.CREDIT_GRANT), jobs -> {
      UUID[] ids = jobs.stream().map(j -> UUID.fromString(j.payload().getString("workspaceId"))).distinct().toArray(UUID[]::new);
      return h.pool.preparedQuery("SELECT count(*) FROM public.replay_test_workspaces WHERE id = ANY($1)").execute(Tuple.of((Object) ids))
          .compose(rows -> rows.iterator().next().getLong(0) == ids.length ? ledger.apply(jobs)
              : Future.failedFuture(new IllegalStateException("a workspace of the batch does not exist")));
    });
    vertx.deployVerticle(new BillingWorker(h.config, handlers)).await();
    h.deployRelay();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void a_job_dead_lettered_for_a_missing_workspace_is_applied_once_when_replayed_after_the_fix() throws Exception {
    UUID known = UUID.randomUUID();
    UUID missing = UUID.randomUUID();
    exists(known);
    OutboxMessage grant = h.grant(known, 10 * EUR, null);
    OutboxMessage orphan = h.usage(missing, UUID.randomUUID(), 3 * EUR);
    h.send(grant, orphan);

    DeadLetters.DeadLetter letter = awaitDeadLetter(orphan);
    assertThat(letter.reason()).contains("does not exist");
    assertThat(letter.failures()).isEqualTo(h.config.integer("billing.deliveryLimit"));
    assertThat(letter.type()).isEqualTo(BillingJobs.USAGE);
    await("the other job", WAIT, () -> h.balance(known) == 10 * EUR);
    assertThat(h.lastSeq(missing)).isZero();

    exists(missing);
    assertThat(DeadLetters.replay(h.pool, h.fixture.topology(), false, List.of(orphan.id().toString())).await().replayed()).extracting(DeadLetters.DeadLetter::id)
        .containsExactly(orphan.id().toString());
    await("the replayed job", WAIT, () -> h.lastSeq(missing) == 1);
    assertThat(h.balance(missing)).isEqualTo(-3 * EUR);
    assertThat(deadLetterIds()).doesNotContain(orphan.id().toString());

    // The same job dead-lettered and replayed again (an operator replaying twice) changes nothing.
    // Beside it, two letters no replay could deliver: they are refused and stay, and the rest still goes.
    DeadLetters.park(h.pool, letter).await();
    DeadLetters.DeadLetter nowhere = new DeadLetters.DeadLetter(UUID.randomUUID().toString(), "no-such-exchange", "p0",
        BillingJobs.USAGE, "{}", "test", 5, null);
    DeadLetters.DeadLetter garbled = new DeadLetters.DeadLetter(UUID.randomUUID().toString(), Topology.BILLING_EXCHANGE, "p0",
        BillingJobs.USAGE, "not json {", "test", 5, null);
    DeadLetters.park(h.pool, nowhere).await();
    DeadLetters.park(h.pool, garbled).await();
    DeadLetters.Replay replay = DeadLetters.replay(h.pool, h.fixture.topology(), true, List.of()).await();
    assertThat(replay.replayed()).extracting(DeadLetters.DeadLetter::id).containsExactly(orphan.id().toString());
    assertThat(replay.refused()).containsOnlyKeys(nowhere.id(), garbled.id());
    assertThat(replay.refused().get(nowhere.id())).contains("not in the topology");
    assertThat(replay.refused().get(garbled.id())).contains("not a JSON object");
    assertThat(deadLetterIds()).contains(nowhere.id(), garbled.id());
    await("the outbox to drain", WAIT, () -> h.fixture.outboxSize() == 0);
    Thread.sleep(1000);
    assertThat(h.lastSeq(missing)).isEqualTo(1);
    assertThat(h.balance(missing)).isEqualTo(-3 * EUR);
    assertThat(deadLetterIds()).doesNotContain(orphan.id().toString());
    assertThat(h.problems(List.of(known, missing))).isEmpty();
  }

  private void exists(UUID ws) {
    h.pool.preparedQuery("INSERT INTO public.replay_test_workspaces (id) VALUES ($1)").execute(Tuple.of(ws)).await();
  }

  private DeadLetters.DeadLetter awaitDeadLetter(OutboxMessage job) throws InterruptedException {
    await("the dead letter", WAIT, () -> deadLetterIds().contains(job.id().toString()));
    return DeadLetters.list(h.pool, 10_000).await().stream().filter(l -> l.id().equals(job.id().toString())).findFirst().orElseThrow();
  }

  private List<String> deadLetterIds() {
    return DeadLetters.list(h.pool, 10_000).await().stream().map(DeadLetters.DeadLetter::id).toList();
  }
}
