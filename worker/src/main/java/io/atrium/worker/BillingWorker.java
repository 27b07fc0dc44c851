package io.atrium.worker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.atrium.platform.Amqp;
import io.atrium.platform.Backoff;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.ServiceWait;
import io.atrium.platform.Topology;
import io.atrium.worker.internal.DeadLetterGate;
import io.atrium.worker.internal.DeadLetterKeeper;
import io.atrium.worker.internal.PartitionConsumer;
import io.atrium.worker.internal.WorkerMeters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Consumes every billing partition queue and hands its jobs, in batches of up to {@code billing.batchSize} (what
 * arrived within {@code billing.batchMillis}), to their handlers ({@link JobHandlers}). On RabbitMQ
 * each partition has a single active consumer, so many worker processes can run side by side and
 * one workspace's jobs are still applied in order by one of them. A transient failure (database or broker away)
 * pauses a partition and retries its batch; only deterministic failures count toward {@code billing.deliveryLimit},
 * after which a job is kept as a dead letter ({@code ./atrium dead-letters}).
 */
public class BillingWorker extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BillingWorker.class);

  /** How long a stopping worker waits for its batches in progress to settle. */
  private static final long STOP_DRAIN_MILLIS = 5_000;

  private final AtriumConfig config;
  private final JobHandlers handlers;
  private final List<PartitionConsumer> consumers = new CopyOnWriteArrayList<>(); // added on a worker thread
  private volatile Connection connection;

  public BillingWorker(AtriumConfig config, JobHandlers handlers) {
    this.config = config;
    this.handlers = handlers;
  }

  /**
   * Waits for RabbitMQ (capped backoff, one log line per attempt) and starts consuming. After that the connection
   * recovers by itself when the broker goes away and comes back.
   */
  @Override
  public Future<?> start() {
    Topology topology = new Topology(config);
    int prefetch = config.integer("billing.prefetch");
    int batchSize = config.integer("billing.batchSize");
    long batchMillis = config.integer("billing.batchMillis");
    Pool pool = Database.pool(vertx, config);
    DeadLetterGate gate = new DeadLetterGate(pool, config.string("amqp.prefix"), config.integer("billing.deliveryLimit"));
    WorkerMeters meters = new WorkerMeters();
    return ServiceWait.until(vertx, config, "RabbitMQ (billing worker)", () -> vertx.executeBlocking(() -> {
      Connection opened = Amqp.connect(config, "atrium-billing-worker");
      try {
        consume(opened, topology, prefetch, batchSize, batchMillis, pool, gate, meters);
      } catch (Exception e) {
        opened.abort(); // a failed start gets no stop(): don't leave the connection behind
        throw e;
      }
      connection = opened;
      return null;
    }, false));
  }

  /** Whether this worker holds an open broker connection and consumes: its readiness. */
  public boolean consuming() {
    Connection current = connection;
    return current != null && current.isOpen();
  }

  private void consume(Connection connection, Topology topology, int prefetch, int batchSize, long batchMillis, Pool pool,
                       DeadLetterGate gate, WorkerMeters meters) throws Exception {
    try (Channel declaring = connection.createChannel()) {
      topology.declare(declaring);
    }
    List<String> queues = topology.partitionQueues(Topology.BILLING_JOBS);
    long maxBackoff = config.integer("billing.retryMaxBackoffMillis");
    // One channel per partition: its own prefetch window, and a slow partition never holds up another.
    for (String queue : queues) {
      Channel channel = connection.createChannel();
      channel.basicQos(prefetch);
      PartitionConsumer consumer = new PartitionConsumer(channel, queue, context, handlers, batchSize, batchMillis, gate, meters,
          new Backoff(100, maxBackoff));
      channel.basicConsume(queue, false, consumer);
      consumers.add(consumer);
    }
    Channel deadLetters = connection.createChannel();
    deadLetters.basicQos(100);
    deadLetters.basicConsume(topology.name(Topology.DEAD_LETTER), false, new DeadLetterKeeper(deadLetters, context, pool, config.string("amqp.prefix")));
    log.info("billing worker consuming {} partitions of {}", queues.size(), topology.name(Topology.BILLING_JOBS));
  }

  /**
   * Lets the batches being applied settle (at most {@code STOP_DRAIN_MILLIS}), then closes the connection: the
   * deliveries not yet applied go back to their queue.
   */
  @Override
  public Future<?> stop() {
    Promise<Void> drained = Promise.promise();
    long timer = vertx.setTimer(STOP_DRAIN_MILLIS, id -> drained.tryComplete());
    Future.all(consumers.stream().map(PartitionConsumer::drain).toList()).onComplete(all -> {
      vertx.cancelTimer(timer);
      drained.tryComplete();
    });
    return drained.future().compose(v -> vertx.executeBlocking(() -> {
      if (connection != null) {
        connection.close(5000);
      }
      return null;
    }, false));
  }
}
