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
  /** The broker's delivery limit is a backstop far above the worker's: connection drops count toward it too (RabbitMQ 3.13+). */
  private static final int BROKER_LIMIT_FACTOR = 10;
  private static final int BROKER_LIMIT_MIN = 50;

  private final JsonObject spec;
  private final String prefix;
  private final int partitions;
  private final int deliveryLimit;

  public Topology(AtriumConfig config) {
    this.spec = AtriumConfig.resource("topology.json");
    this.prefix = config.string("amqp.prefix");
    this.partitions = config.integer("billing.partitions");
    this.deliveryLimit = Math.max(BROKER_LIMIT_MIN, BROKER_LIMIT_FACTOR * config.integer("billing.deliveryLimit"));
  }

  /**
   * The {@code x-delivery-limit} fresh queues are declared with: 10 times {@code billing.deliveryLimit}, at least 50.
   * The worker counts deterministic failures itself; this only catches jobs returned again and again by dying workers.
   */
  public int brokerDeliveryLimit() {
    return deliveryLimit;
  }

  /** The logical names of the exchanges of the topology: nothing is published anywhere else. */
  public java.util.Set<String> exchanges() {
    java.util.Set<String> names = new java.util.HashSet<>();
    objects("exchanges").forEach(exchange -> names.add(exchange.getString("name")));
    return names;
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

  /** Deletes every queue and exchange {@link #declare} makes, messages included (for tests and bench runs). */
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
    if (rabbitMq && queue.getString("deadLetterExchange") != null) {
      declareKeepingAnOlderLimit(channel, name, rabbitMqArguments(queue));
    } else {
      channel.queueDeclare(name, true, false, false, rabbitMq ? rabbitMqArguments(queue) : Map.of());
    }
    channel.queueBind(name, name(queue.getString("exchange")), routingKey);
  }

  /**
   * A quorum queue's arguments cannot change once declared, and a policy's {@code delivery-limit} can only lower
   * it (RabbitMQ takes the smaller): a queue declared by an older version keeps its limit, with a warning, until an
   * operator recreates it empty (README "When something fails"). Declared on a channel of its own, since a refusal
   * closes the channel.
   */
  private void declareKeepingAnOlderLimit(Channel channel, String name, Map<String, Object> arguments) throws IOException {
    Channel own = channel.getConnection().createChannel();
    try {
      own.queueDeclare(name, true, false, false, arguments);
    } catch (IOException e) {
      if (!String.valueOf(e.getCause()).contains("x-delivery-limit")) {
        throw e;
      }
      log.warn("queue {} keeps the delivery limit it was declared with ({} is asked for): recreate it while empty to raise it",
          name, deliveryLimit);
    } finally {
      if (own.isOpen()) {
        try {
          own.close();
        } catch (java.util.concurrent.TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
          // closed anyway
        }
      }
    }
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
