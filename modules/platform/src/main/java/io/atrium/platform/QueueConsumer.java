package io.atrium.platform;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An API process's consumer of one queue of {@code config/topology.json}, with manual acks: it connects (waiting for
 * RabbitMQ as {@link ServiceWait} does), declares the topology and hands each delivery to its handler on the Vert.x
 * context that started it. amqp-client blocks, so every call to it runs on a worker thread.
 */
public final class QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

  private final Vertx vertx;
  private final AtriumConfig config;
  private final String what;
  private final AtomicLong shutdowns = new AtomicLong(); // deliveries of a channel shut down since are abandoned
  private Connection connection;
  private Channel channel;

  /** {@code what}: what the queue carries, for the logs (as {@code billing notification}). */
  public QueueConsumer(Vertx vertx, AtriumConfig config, String what) {
    this.vertx = vertx;
    this.config = config;
    this.what = what;
  }

  /** Consumes {@code queue} (its name in the topology), at most {@code prefetch} unacked, into {@code handler} on {@code context}. */
  public Future<Void> start(Context context, String connectionName, String queue, int prefetch, Consumer<Delivery> handler) {
    Topology topology = new Topology(config);
    return ServiceWait.until(vertx, config, "RabbitMQ (" + what + "s)", () -> vertx.executeBlocking(() -> {
      connection = Amqp.connect(config, connectionName);
      channel = connection.createChannel();
      channel.addShutdownListener(cause -> shutdowns.incrementAndGet());
      topology.declare(channel);
      channel.basicQos(prefetch);
      channel.basicConsume(topology.name(queue), false, (tag, delivery) -> context.runOnContext(v -> handler.accept(delivery)),
          tag -> log.warn("{}s consumer cancelled", what));
      return null;
    })).mapEmpty();
  }

  /** How many times the channel was shut down so far: a delivery received before the last shutdown is the broker's to give again. */
  public long shutdowns() {
    return shutdowns.get();
  }

  /**
   * Acks a handled delivery; a failed one is requeued once, then dead-lettered. So a caller retries a transient failure
   * ({@link Transience}) itself, without settling, until it succeeds or fails for good: only then does it settle.
   */
  public void settle(Delivery delivery, AsyncResult<?> result) {
    long tag = delivery.getEnvelope().getDeliveryTag();
    String key = delivery.getEnvelope().getRoutingKey();
    vertx.executeBlocking(() -> {
      if (result.succeeded()) {
        channel.basicAck(tag, false);
      } else {
        log.warn("{} {} failed: {}", what, key, result.cause().getMessage());
        channel.basicNack(tag, false, !delivery.getEnvelope().isRedeliver());
      }
      return null;
    }).onFailure(e -> log.warn("{} {}: could not settle ({}); the broker will deliver it again", what, key, e.toString()));
  }

  public Future<Void> stop() {
    return vertx.executeBlocking(() -> {
      if (connection != null) {
        connection.close();
      }
      return null;
    });
  }
}
