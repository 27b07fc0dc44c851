package io.atrium.platform.testing;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What messaging tests share: the platform schema, a pool, the topology declared under this run's
 * prefix and a {@link QueueProbe}. {@link #close} deletes the queues and exchanges again.
 * Blocking; call from the test thread.
 */
public final class MessagingFixture implements AutoCloseable {

  private final AtriumConfig config;
  private final Topology topology;
  private final Pool pool;
  private final QueueProbe probe;

  private MessagingFixture(AtriumConfig config, Topology topology, Pool pool, QueueProbe probe) {
    this.config = config;
    this.topology = topology;
    this.pool = pool;
    this.probe = probe;
  }

  public static MessagingFixture start(Vertx vertx, AtriumConfig config) throws Exception {
    Migrations.apply(vertx, config, List.of(Outbox.CHANGELOG)).await();
    QueueProbe probe = QueueProbe.open(config);
    Topology topology = new Topology(config);
    topology.declare(probe.channel());
    Pool pool = Database.pool(vertx, config);
    pool.query("DELETE FROM platform.outbox").execute().await();
    return new MessagingFixture(config, topology, pool, probe);
  }

  public Topology topology() {
    return topology;
  }

  public QueueProbe probe() {
    return probe;
  }

  public Pool pool() {
    return pool;
  }

  /** Billing jobs for {@code count} different workspaces, payload {@code {"n": i}}. */
  public List<OutboxMessage> billingJobs(int count, String type) {
    int partitions = config.integer("billing.partitions");
    return IntStream.range(0, count)
        .mapToObj(i -> OutboxMessage.billingJob(UUID.randomUUID(), type, new JsonObject().put("n", i), partitions))
        .toList();
  }

  /** Appends the messages in one committed transaction. */
  public void append(List<OutboxMessage> messages) {
    pool.withTransaction(tx -> Future.all(messages.stream().map(m -> Outbox.append(tx, m)).toList())).await();
  }

  public long outboxSize() {
    return pool.query("SELECT count(*) FROM platform.outbox").execute().await().iterator().next().getLong(0);
  }

  /**
   * Waits until the relay has deleted every outbox row. A message can reach its queue before the relay's
   * transaction commits (or while a lost confirm is retried), so delivery alone doesn't mean drained.
   */
  public void awaitOutboxDrained(java.time.Duration timeout) throws InterruptedException {
    awaitOutboxDrained(pool, timeout);
  }

  /** As {@link #awaitOutboxDrained(java.time.Duration)}, on any pool; mail queued in the outbox has then reached SMTP. */
  public static void awaitOutboxDrained(Pool pool, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pool.query("SELECT count(*) FROM platform.outbox").execute().await().iterator().next().getLong(0) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  public static List<String> ids(List<OutboxMessage> messages) {
    return messages.stream().map(m -> m.id().toString()).toList();
  }

  @Override
  public void close() throws Exception {
    topology.delete(probe.channel());
    probe.close();
    pool.close().await();
  }
}
