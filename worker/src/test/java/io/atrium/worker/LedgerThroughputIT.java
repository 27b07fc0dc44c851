package io.atrium.worker;

import io.atrium.platform.OutboxMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.atrium.worker.LedgerHarness.EUR;
import static io.atrium.worker.LedgerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Not a timed test: prints one worker's apply rate for jobs already waiting in the queues. */
@ExtendWith(VertxExtension.class)
class LedgerThroughputIT {

  private static final int JOBS = 10_000;
  private static final int SMALL_JOBS = 20_000;
  private static final String[] METERS = {"api-calls", "object-storage-gb-hour", "egress-gb", "build-minutes"};
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

  /**
   * What an API posting 1 to 10 events per request hands the worker: funded card accounts over 1,000 workspaces, each
   * usage job a few meters over one or two hours. Every debit must be exactly its job's total.
   */
  @Test
  void small_usage_jobs_over_1000_workspaces() throws Exception {
    List<UUID> workspaces = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toList();
    workspaces.forEach(ws -> h.account(ws, "card", null, null, null, null));
    for (UUID ws : workspaces) {
      h.publishDirectly(h.grant(ws, 1_000 * EUR, null));
    }
    String funding = h.deployWorker();
    await("the grants", Duration.ofSeconds(120), () -> applied(workspaces) >= workspaces.size());
    h.undeploy(funding);

    Random random = new Random(16);
    Instant hour = h.clock.instant().truncatedTo(ChronoUnit.HOURS);
    long expected = 0;
    for (int i = 0; i < SMALL_JOBS; i++) {
      OutboxMessage job = smallUsage(workspaces.get(random.nextInt(workspaces.size())), hour, random);
      expected += job.payload().getJsonObject("byMeter").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
      h.publishDirectly(job);
    }
    h.fixture.probe().channel().queueDeclarePassive(h.fixture.topology().partitionQueues("billing.jobs").get(0)); // a round trip: publishes are in
    long started = System.nanoTime();
    long[] cpuBefore = cpuMillis();
    h.deployWorker();
    await("every small job", Duration.ofSeconds(600), () -> applied(workspaces) >= workspaces.size() + SMALL_JOBS);
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] cpuAfter = cpuMillis();
    System.out.printf("[ledger throughput] small usage jobs (1-10 events), 1,000 workspaces: %d jobs applied by one worker in %.2f s = %.0f jobs/s;"
            + " CPU per 1,000 jobs: %.0f ms in this JVM, %s in PostgreSQL%n", SMALL_JOBS, seconds, SMALL_JOBS / seconds,
        (cpuAfter[0] - cpuBefore[0]) * 1000.0 / SMALL_JOBS,
        cpuAfter[1] < 0 ? "unknown" : String.format("%.0f ms", (cpuAfter[1] - cpuBefore[1]) * 1000.0 / SMALL_JOBS));
    assertThat(h.problems(workspaces)).isEmpty();
    long debited = h.pool.preparedQuery("SELECT coalesce(-sum(amount), 0) FROM billing.entries WHERE workspace_id = ANY($1) AND type = 'usage'")
        .execute(Tuple.of((Object) workspaces.toArray(UUID[]::new))).await().iterator().next().getLong(0);
    assertThat(debited).isEqualTo(expected);
  }

  /** 1 to 10 events of one to three meters, over one or two hours, summed as the API sums them. */
  private OutboxMessage smallUsage(UUID ws, Instant hour, Random random) {
    JsonObject byMeter = new JsonObject();
    JsonObject byHour = new JsonObject();
    int events = 1 + random.nextInt(10);
    for (int e = 0; e < events; e++) {
      String meter = METERS[random.nextInt(1 + random.nextInt(3))];
      long amount = 1 + random.nextInt(5_000);
      String at = hour.minus(random.nextInt(2), ChronoUnit.HOURS).toString();
      byMeter.put(meter, byMeter.getLong(meter, 0L) + amount);
      JsonObject inHour = byHour.getJsonObject(at, new JsonObject());
      byHour.put(at, inHour.put(meter, inHour.getLong(meter, 0L) + amount));
    }
    return h.job(ws, io.atrium.billing.BillingJobs.USAGE, new JsonObject().put("batchId", UUID.randomUUID().toString())
        .put("occurredAt", hour.toString()).put("byMeter", byMeter).put("byHour", byHour));
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

  /**
   * CPU time used so far by this JVM (worker and test) and by the PostgreSQL backends of the test's database (-1 when they
   * are not on this machine): busy time, which other builds on a shared machine do not inflate as they do wall time.
   */
  private long[] cpuMillis() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
    long db = 0;
    for (var row : h.pool.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()").execute().await()) {
      try {
        String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", row.getInteger("pid").toString(), "stat"))
            .replaceFirst(".*\\) ", "").split(" ");
        db += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10; // utime and stime, in ticks of 10 ms
      } catch (java.io.IOException | RuntimeException e) {
        return new long[] {jvm, -1};
      }
    }
    return new long[] {jvm, db};
  }

  private long applied(List<UUID> workspaces) {
    return h.pool.preparedQuery("SELECT coalesce(sum(last_seq), 0) FROM billing.ledgers WHERE workspace_id = ANY($1)")
        .execute(io.vertx.sqlclient.Tuple.of((Object) workspaces.toArray(UUID[]::new))).await().iterator().next().getLong(0);
  }
}
