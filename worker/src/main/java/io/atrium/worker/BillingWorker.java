package io.atrium.worker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.atrium.platform.Amqp;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Topology;
import io.atrium.worker.internal.PartitionConsumer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Consumes every billing partition queue and hands its jobs, in batches of up to {@code billing.batchSize},
 * to their handlers ({@link JobHandlers}). On RabbitMQ
 * each partition has a single active consumer, so many worker processes can run side by side and
 * one workspace's jobs are still applied in order by one of them.
 */
public class BillingWorker extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BillingWorker.class);

  private final AtriumConfig config;
  private final JobHandlers handlers;
  private Connection connection;

  public BillingWorker(AtriumConfig config, JobHandlers handlers) {
    this.config = config;
    this.handlers = handlers;
  }

  @Override
  public Future<?> start() {
    Topology topology = new Topology(config);
    int prefetch = config.integer("billing.prefetch");
    int batchSize = config.integer("billing.batchSize");
    return vertx.executeBlocking(() -> {
      connection = Amqp.connect(config, "atrium-billing-worker");
      try {
        consume(topology, prefetch, batchSize);
      } catch (Exception e) {
        connection.abort(); // a failed start gets no stop(): don't leave the connection behind
        throw e;
      }
      return null;
    }, false);
  }

  private void consume(Topology topology, int prefetch, int batchSize) throws Exception {
    try (Channel declaring = connection.createChannel()) {
      topology.declare(declaring);
    }
    List<String> queues = topology.partitionQueues(Topology.BILLING_JOBS);
    // One channel per partition: its own prefetch window, and a slow partition never holds up another.
    for (String queue : queues) {
      Channel channel = connection.createChannel();
      channel.basicQos(prefetch);
      channel.basicConsume(queue, false, new PartitionConsumer(channel, queue, context, handlers, batchSize));
    }
    log.info("billing worker consuming {} partitions of {}", queues.size(), topology.name(Topology.BILLING_JOBS));
  }

  @Override
  public Future<?> stop() {
    // Unacked deliveries go back to their queue when the connection closes.
    return vertx.executeBlocking(() -> {
      if (connection != null) {
        connection.close(5000);
      }
      return null;
    }, false);
  }
}
