package io.atrium.platform.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.atrium.platform.Amqp;
import io.atrium.platform.AtriumConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A plain amqp-client consumer for tests: its own connection straight to the broker, auto-ack
 * consumers on the queues it is given, and every delivery kept for assertions. Blocking.
 */
public final class QueueProbe implements AutoCloseable {

  private final Connection connection;
  private final Channel channel;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private QueueProbe(Connection connection) throws Exception {
    this.connection = connection;
    this.channel = connection.createChannel();
  }

  public static QueueProbe open(AtriumConfig config) throws Exception {
    return new QueueProbe(Amqp.connect(config, "atrium-test-probe"));
  }

  /** A channel for the test's own declarations and publishes. */
  public Channel channel() {
    return channel;
  }

  public QueueProbe consume(Collection<String> queues) throws Exception {
    for (String queue : queues) {
      channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> {});
    }
    return this;
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  public List<String> messageIds() {
    return deliveries.stream().map(d -> d.getProperties().getMessageId()).toList();
  }

  /** Waits until every one of {@code ids} has arrived at least once. */
  public void awaitMessageIds(Collection<String> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Set.copyOf(messageIds()).containsAll(ids)) {
      if (System.nanoTime() > deadline) {
        Set<String> missing = ids.stream().filter(id -> !messageIds().contains(id)).collect(Collectors.toSet());
        throw new AssertionError(missing.size() + " of " + ids.size() + " messages did not arrive within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    connection.close(5000);
  }
}
