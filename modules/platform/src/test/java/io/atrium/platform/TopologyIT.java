package io.atrium.platform;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.atrium.platform.testing.QueueProbe;
import io.atrium.platform.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyIT {

  private final AtriumConfig config = TestServices.get().config();
  private final Topology topology = new Topology(config);
  private QueueProbe probe;

  @BeforeEach
  void declare() throws Exception {
    probe = QueueProbe.open(config);
    topology.declare(probe.channel());
  }

  @AfterEach
  void delete() throws Exception {
    topology.delete(probe.channel());
    probe.close();
  }

  @Test
  void declaring_twice_is_fine_and_every_partition_queue_exists() throws Exception {
    topology.declare(probe.channel());
    List<String> partitions = topology.partitionQueues(Topology.BILLING_JOBS);
    assertThat(partitions).hasSize(config.integer("billing.partitions")).startsWith(topology.name("billing.jobs.p0"));
    for (String queue : partitions) {
      assertThat(probe.channel().queueDeclarePassive(queue).getMessageCount()).isZero();
    }
    probe.channel().queueDeclarePassive(topology.name(Topology.DEAD_LETTER));
  }

  @Test
  void partition_queues_are_quorum_queues() throws Exception {
    assumeRabbitMq();
    Channel other = probe.channel().getConnection().createChannel();
    String p0 = topology.partitionQueues(Topology.BILLING_JOBS).get(0);
    Map<String, Object> classic = Map.of("x-queue-type", "classic", "x-single-active-consumer", true,
        "x-dead-letter-exchange", topology.name(Topology.DEAD_LETTER), "x-delivery-limit", config.integer("billing.deliveryLimit"));
    assertThatThrownBy(() -> other.queueDeclare(p0, true, false, false, classic))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).contains("PRECONDITION_FAILED", "x-queue-type"));
  }

  @Test
  void only_one_consumer_of_a_partition_is_active() throws Exception {
    assumeRabbitMq();
    String p0 = topology.partitionQueues(Topology.BILLING_JOBS).get(0);
    BlockingQueue<Delivery> first = consume(p0);
    BlockingQueue<Delivery> second = consume(p0);
    for (int i = 0; i < 5; i++) {
      publish("p0", "m" + i);
    }
    assertThat(awaitCount(first, 5)).isTrue();
    assertThat(second).isEmpty();
  }

  @Test
  void a_rejected_message_and_one_over_the_delivery_limit_are_dead_lettered() throws Exception {
    assumeRabbitMq();
    BlockingQueue<Delivery> deadLetters = consume(topology.name(Topology.DEAD_LETTER));
    Channel consumer = probe.channel().getConnection().createChannel();
    int[] deliveriesOfRetried = {0};
    consumer.basicConsume(topology.partitionQueues(Topology.BILLING_JOBS).get(1), false, (tag, d) -> {
      boolean rejected = "rejected".equals(d.getProperties().getMessageId());
      if (!rejected) {
        deliveriesOfRetried[0]++;
      }
      consumer.basicNack(d.getEnvelope().getDeliveryTag(), false, !rejected);
    }, tag -> {});

    publish("p1", "rejected");
    publish("p1", "retried");

    assertThat(awaitCount(deadLetters, 2)).isTrue();
    assertThat(deadLetters).extracting(d -> d.getProperties().getMessageId()).containsExactlyInAnyOrder("rejected", "retried");
    // The broker's limit is a backstop far above the worker's own (billing.deliveryLimit deterministic failures).
    assertThat(topology.brokerDeliveryLimit()).isGreaterThanOrEqualTo(Math.max(50, 10 * config.integer("billing.deliveryLimit")));
    assertThat(deliveriesOfRetried[0]).isEqualTo(topology.brokerDeliveryLimit() + 1);
  }

  @Test
  void a_queue_declared_with_an_older_delivery_limit_is_kept_and_declaring_goes_on() throws Exception {
    assumeRabbitMq();
    String notifications = topology.name(Topology.BILLING_NOTIFICATIONS);
    probe.channel().queueDelete(notifications);
    probe.channel().queueDeclare(notifications, true, false, false, Map.of("x-queue-type", "quorum",
        "x-dead-letter-exchange", topology.name(Topology.DEAD_LETTER), "x-delivery-limit", 5));
    topology.declare(probe.channel());
    assertThat(probe.channel().isOpen()).isTrue();
    publish("p0", "after");
    assertThat(probe.channel().queueDeclarePassive(topology.partitionQueues(Topology.BILLING_JOBS).get(0)).getMessageCount()).isEqualTo(1);
  }

  private void assumeRabbitMq() {
    if (!Amqp.isRabbitMq(probe.channel().getConnection())) {
      System.err.println("!!! [TopologyIT] the broker is not RabbitMQ: quorum, single-active-consumer and "
          + "dead-letter assertions are SKIPPED !!!");
    }
    Assumptions.assumeTrue(Amqp.isRabbitMq(probe.channel().getConnection()), "needs RabbitMQ");
  }

  private BlockingQueue<Delivery> consume(String queue) throws IOException {
    BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    probe.channel().getConnection().createChannel().basicConsume(queue, true, (tag, d) -> received.add(d), tag -> {});
    return received;
  }

  private void publish(String routingKey, String messageId) throws Exception {
    Channel channel = probe.channel();
    channel.confirmSelect();
    channel.basicPublish(topology.name(Topology.BILLING_EXCHANGE), routingKey,
        new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build(), "{}".getBytes(StandardCharsets.UTF_8));
    channel.waitForConfirmsOrDie(5000);
  }

  private static boolean awaitCount(BlockingQueue<Delivery> queue, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (queue.size() < count && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return queue.size() >= count;
  }
}
