package io.atrium.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedAmqpBrokerTest {

  @Test
  void routesConfirmedMessagesToAConsumer() throws Exception {
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
      assertThat(broker.url()).matches("amqp://guest:guest@127\\.0\\.0\\.1:\\d+/%2F");
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(broker.url());

      try (Connection connection = factory.newConnection();
          Channel channel = connection.createChannel()) {
        // Callers tell the brokers apart by this property, so it must not claim to be RabbitMQ.
        assertThat(connection.getServerProperties().get("product")).asString().isNotEqualTo("RabbitMQ");

        channel.exchangeDeclare("atrium.test", "topic", true);
        channel.queueDeclare("atrium.test.jobs", true, false, false, null);
        channel.queueBind("atrium.test.jobs", "atrium.test", "jobs.#");

        channel.confirmSelect();
        channel.basicPublish("atrium.test", "jobs.credit", MessageProperties.PERSISTENT_TEXT_PLAIN,
            "hello".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(Duration.ofSeconds(5).toMillis());

        CompletableFuture<String> received = new CompletableFuture<>();
        channel.basicConsume("atrium.test.jobs", false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws java.io.IOException {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            received.complete(new String(body, StandardCharsets.UTF_8));
          }
        });
        assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
      }
    }
  }

  @Test
  void twoBrokersStartSideBySide() throws Exception {
    CompletableFuture<EmbeddedAmqpBroker> first = CompletableFuture.supplyAsync(EmbeddedAmqpBroker::start);
    CompletableFuture<EmbeddedAmqpBroker> second = CompletableFuture.supplyAsync(EmbeddedAmqpBroker::start);
    try (EmbeddedAmqpBroker a = first.get(60, TimeUnit.SECONDS);
        EmbeddedAmqpBroker b = second.get(60, TimeUnit.SECONDS)) {
      assertThat(a.url()).isNotEqualTo(b.url());
      for (EmbeddedAmqpBroker broker : List.of(a, b)) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.url());
        try (Connection connection = factory.newConnection()) {
          assertThat(connection.isOpen()).isTrue();
        }
      }
    }
  }
}
