package io.atrium.platform;

import com.rabbitmq.client.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchanges and queues of {@code config/topology.json}, every name prefixed with
 * {@code amqp.prefix + "."}. Everything is durable; on RabbitMQ queues are quorum queues with the
 * single-active-consumer, dead-letter and delivery-limit settings the topology asks for. Declaring is
 * idempotent. The methods that take a {@link Channel} block.
 */
public final class Topology {

  public static final String BILLING_EXCHANGE = "billing";
  public static final String BILLING_JOBS = "billing.jobs";
  public static final String DEAD_LETTER = "dead-letter";
  public static final String EVENTS_EXCHANGE = "events";
  public static final String BILLING_NOTIFICATIONS = "billing.notifications";

  private static final Logger log = LoggerFactory.getLogger(Topology.class);

  private final JsonObject spec;
  private final String prefix;
  private final int partitions;
  private final int deliveryLimit;

  public Topology(AtriumConfig config) {
    this.spec = AtriumConfig.resource("topology.json");
    this.prefix = config.string("amqp.prefix");
    this.partitions = config.integer("billing.partitions");
    this.deliveryLimit = config.integer("billing.deliveryLimit");
  }

  /** The broker-side name of a logical exchange or queue name. */
  public String name(String logical) {
    return prefix + "." + logical;
  }

  /** The broker-side names of a partitioned queue's partitions, in partition order. */
  public List<String> partitionQueues(String logical) {
    List<String> names = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      names.add(name(logical) + "." + Partitions.routingKey(p));
    }
    return names;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WARNED_NOT_RABBITMQ = new java.util.concurrent.atomic.AtomicBoolean();

  public void declare(Channel channel) throws IOException {
    boolean rabbitMq = Amqp.isRabbitMq(channel.getConnection());
    if (!rabbitMq && !WARNED_NOT_RABBITMQ.getAndSet(true)) { // once per process, not once per component
      log.warn("the AMQP broker is not RabbitMQ: declaring classic durable queues without quorum, "
          + "single active consumer, dead-lettering or delivery limits");
    }
    for (JsonObject exchange : objects("exchanges")) {
      channel.exchangeDeclare(name(exchange.getString("name")), exchange.getString("type"), true);
    }
    for (JsonObject queue : objects("partitionedQueues")) {
      List<String> names = partitionQueues(queue.getString("name"));
      for (int p = 0; p < names.size(); p++) {
        declareQueue(channel, names.get(p), queue, Partitions.routingKey(p), rabbitMq);
      }
    }
    for (JsonObject queue : objects("queues")) {
      declareQueue(channel, name(queue.getString("name")), queue, queue.getString("routingKey", ""), rabbitMq);
    }
  }

  /** Deletes every queue and exchange {@link #declare} makes, messages included (for tests). */
  public void delete(Channel channel) throws IOException {
    for (JsonObject queue : objects("partitionedQueues")) {
      for (String name : partitionQueues(queue.getString("name"))) {
        channel.queueDelete(name);
      }
    }
    for (JsonObject queue : objects("queues")) {
      channel.queueDelete(name(queue.getString("name")));
    }
    for (JsonObject exchange : objects("exchanges")) {
      channel.exchangeDelete(name(exchange.getString("name")));
    }
  }

  private void declareQueue(Channel channel, String name, JsonObject queue, String routingKey, boolean rabbitMq) throws IOException {
    channel.queueDeclare(name, true, false, false, rabbitMq ? rabbitMqArguments(queue) : Map.of());
    channel.queueBind(name, name(queue.getString("exchange")), routingKey);
  }

  private Map<String, Object> rabbitMqArguments(JsonObject queue) {
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("x-queue-type", "quorum");
    if (queue.getBoolean("singleActiveConsumer", false)) {
      arguments.put("x-single-active-consumer", true);
    }
    // A delivery limit without a dead-letter exchange would drop messages, so they come together.
    String deadLetterExchange = queue.getString("deadLetterExchange");
    if (deadLetterExchange != null) {
      arguments.put("x-dead-letter-exchange", name(deadLetterExchange));
      arguments.put("x-delivery-limit", deliveryLimit);
    }
    return arguments;
  }

  private List<JsonObject> objects(String key) {
    JsonArray array = spec.getJsonArray(key, new JsonArray());
    List<JsonObject> objects = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      objects.add(array.getJsonObject(i));
    }
    return objects;
  }
}
