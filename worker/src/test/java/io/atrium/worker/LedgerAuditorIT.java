package io.atrium.worker;

import io.atrium.platform.OutboxMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ~1,000 random jobs over several workspaces and every partition, some repeated, checked against
 * {@link ReferenceModel}; then {@link LedgerVerifier} must pass, and fail once the database is tampered with.
 */
@ExtendWith(VertxExtension.class)
class LedgerAuditorIT {

  private LedgerHarness h;
  private final List<UUID> workspaces = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = LedgerHarness.start(vertx, Map.of("billing.batchSize", 64));
    h.deployRelay();
    h.deployWorker();
    for (int i = 0; i < 9; i++) {
      workspaces.add(UUID.randomUUID());
    }
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void every_balance_matches_the_reference_model_and_the_verifier_catches_tampering() throws Exception {
    ReferenceModel model = new ReferenceModel(h.clock.instant());
    String visa = h.card("tok_visa");
    String declining = h.card("tok_chargeDeclined");
    Random random = new Random(7);
    List<OutboxMessage> jobs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      UUID ws = workspaces.get(random.nextInt(workspaces.size()));
      long amount = 1 + random.nextInt(20_000_000);
      OutboxMessage job = switch (random.nextInt(10)) {
        case 0, 1 -> {
          boolean approved = random.nextInt(4) > 0;
          OutboxMessage topUp = h.topUp(ws, amount, approved ? visa : declining);
          model.topUp(ws, "top-up:" + topUp.payload().getString("topUpId"), amount, approved);
          yield topUp;
        }
        case 2, 3 -> {
          Instant expiresAt = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> h.clock.instant().plus(Duration.ofDays(1 + random.nextInt(30)));
            default -> h.clock.instant().minusSeconds(1); // expires before the workspace's next job
          };
          OutboxMessage grant = h.grant(ws, amount, expiresAt);
          model.grant(ws, "credit-grant:" + grant.payload().getString("grantId"), amount, expiresAt);
          yield grant;
        }
        case 4, 5, 6 -> {
          OutboxMessage hour = h.consumption(ws, "r" + random.nextInt(200), h.clock.instant(), amount);
          model.debit(ws, "consumption:" + hour.payload().getString("resourceId") + ":" + hour.payload().getString("hour"), amount);
          yield hour;
        }
        default -> {
          OutboxMessage usage = h.usage(ws, UUID.randomUUID(), amount);
          model.debit(ws, "usage:" + usage.payload().getString("batchId"), amount);
          yield usage;
        }
      };
      jobs.add(job);
      if (random.nextInt(8) == 0) {
        OutboxMessage again = LedgerHarness.repeat(job);
        jobs.add(again);
        replay(model, again);
      }
    }
    h.send(jobs.toArray(OutboxMessage[]::new));

    await("every job", Duration.ofSeconds(60), () -> workspaces.stream().allMatch(ws -> h.lastSeq(ws) == model.entries(ws)));
    for (UUID ws : workspaces) {
      assertThat(h.balance(ws)).as("balance of %s", ws).isEqualTo(model.balance(ws));
      assertThat(openCredits(ws)).as("credits of %s", ws).isEqualTo(model.credits(ws));
    }
    assertThat(h.problems(workspaces)).isEmpty();

    UUID changed = workspaces.get(0);
    UUID gapped = workspaces.get(1);
    h.pool.preparedQuery("UPDATE billing.entries SET amount = amount + 1 WHERE workspace_id = $1 AND seq = 2").execute(Tuple.of(changed)).await();
    h.pool.preparedQuery("DELETE FROM billing.entries WHERE workspace_id = $1 AND seq = 3").execute(Tuple.of(gapped)).await();
    assertThat(h.problems(workspaces)).extracting(LedgerVerifier.Problem::workspaceId).containsOnly(changed, gapped);
  }

  @Test
  void the_harness_extension_fails_a_test_that_leaves_a_broken_ledger_and_stops_its_harness() throws Exception {
    LedgerHarness.PerTest extension = new LedgerHarness.PerTest(Map.of());
    LedgerHarness other = extension.start();
    UUID ws = other.workspace();
    other.send(other.grant(ws, 5 * LedgerHarness.EUR, null));
    await("the grant", Duration.ofSeconds(20), () -> other.lastSeq(ws) == 1);
    other.pool.preparedQuery("UPDATE billing.entries SET amount = amount + 1 WHERE workspace_id = $1").execute(Tuple.of(ws)).await();

    assertThatThrownBy(() -> extension.afterEach(null)).isInstanceOf(AssertionError.class).hasMessageContaining("ledger verify");
    assertThatThrownBy(() -> other.pool.query("SELECT 1").execute().await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("the stopped harness's pool answers nothing").isNotNull();
  }

  /** The model sees the repeat as the worker will: after the original, in the same workspace's order. */
  private static void replay(ReferenceModel model, OutboxMessage again) {
    var p = again.payload();
    UUID ws = UUID.fromString(p.getString("workspaceId"));
    switch (again.type()) {
      case "billing.top-up" -> model.topUp(ws, "top-up:" + p.getString("topUpId"), p.getLong("amount"), false);
      case "billing.credit-grant" -> model.grant(ws, "credit-grant:" + p.getString("grantId"), p.getLong("amount"), null);
      case "billing.consumption" -> model.debit(ws, "consumption:" + p.getString("resourceId") + ":" + p.getString("hour"), p.getLong("amount"));
      default -> model.debit(ws, "usage:" + p.getString("batchId"), 0); // a repeat: its amount never counts
    }
  }

  private long openCredits(UUID ws) {
    return h.pool.preparedQuery("SELECT coalesce(sum(remaining), 0) FROM billing.credit_lots WHERE workspace_id = $1")
        .execute(Tuple.of(ws)).await().iterator().next().getLong(0);
  }
}
