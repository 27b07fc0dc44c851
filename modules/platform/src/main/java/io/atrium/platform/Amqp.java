package io.atrium.platform;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Connections to the AMQP broker. amqp-client blocks: call these from a worker thread
 * ({@code vertx.executeBlocking}), never from an event loop.
 */
public final class Amqp {

  private Amqp() {}

  /**
   * Opens a connection to {@code amqp.url} that recovers by itself (channels, consumers, declared
   * queues) after the broker goes away and comes back. Blocking.
   */
  public static Connection connect(AtriumConfig config, String connectionName) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(config.string("amqp.url"));
    } catch (Exception e) {
      throw new IllegalArgumentException("amqp.url (" + AtriumConfig.envName("amqp.url") + ") is not a valid AMQP URI", e);
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(2000);
    factory.setConnectionTimeout(5000);
    factory.setRequestedHeartbeat(20);
    return factory.newConnection(connectionName);
  }

  /** True for RabbitMQ, which has quorum queues, single active consumer and delivery limits. */
  public static boolean isRabbitMq(Connection connection) {
    Object product = connection.getServerProperties().get("product");
    return product != null && "RabbitMQ".equalsIgnoreCase(product.toString());
  }
}
