package io.atrium.platform.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.atrium.platform.Amqp;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Topology;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes batches persistent, mandatory and with publisher confirms, (re)connecting when needed.
 * Blocking and synchronized: one batch at a time, from worker threads only.
 */
public final class ConfirmingPublisher implements AutoCloseable {

  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final AtriumConfig config;
  private final Topology topology;
  // Unroutable messages come back with basic.return before their ack, on the connection's thread.
  private final Set<String> returned = ConcurrentHashMap.newKeySet();
  private Connection connection;
  private volatile Channel channel;

  public ConfirmingPublisher(AtriumConfig config, Topology topology) {
    this.config = config;
    this.topology = topology;
  }

  /**
   * Returns once the broker has confirmed every message, with the ids of those it could not route (no queue
   * bound for them: they went nowhere); throws when the broker did not take them all, and drops the connection.
   */
  public synchronized Set<String> publish(List<OutboxMessage> messages) throws Exception {
    try {
      ensureOpen();
      returned.clear();
      for (OutboxMessage message : messages) {
        channel.basicPublish(topology.name(message.exchange()), message.routingKey(), true, properties(message),
            message.payload().encode().getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
      return Set.copyOf(returned);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Whether the last connection is still up; never blocks, so health checks may ask from an event loop. */
  public boolean isOpen() {
    Channel current = channel;
    return current != null && current.isOpen();
  }

  /** Connects (and declares the topology) unless already connected. */
  public synchronized void connect() throws Exception {
    try {
      ensureOpen();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  private void ensureOpen() throws Exception {
    if (channel != null && channel.isOpen()) {
      return;
    }
    close();
    connection = Amqp.connect(config, "atrium-outbox-relay");
    channel = connection.createChannel();
    // Declared here too, so jobs published before any worker ever started are queued, not dropped.
    topology.declare(channel);
    channel.confirmSelect();
    channel.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
  }

  private static AMQP.BasicProperties properties(OutboxMessage message) {
    return new AMQP.BasicProperties.Builder()
        .messageId(message.id().toString())
        .type(message.type())
        .contentType("application/json")
        .deliveryMode(2)
        .build();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.abort(2000);
    }
    connection = null;
    channel = null;
  }
}
