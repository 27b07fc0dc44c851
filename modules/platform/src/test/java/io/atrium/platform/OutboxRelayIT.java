package io.atrium.platform;

import com.rabbitmq.client.Delivery;
import io.atrium.platform.testing.MessagingFixture;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.atrium.platform.testing.MessagingFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class OutboxRelayIT {

  private final AtriumConfig config = TestServices.get().config().with(Map.of("outbox.pollMillis", 50));
  private MessagingFixture fixture;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    fixture = MessagingFixture.start(vertx, config);
    fixture.probe().consume(fixture.topology().partitionQueues(Topology.BILLING_JOBS));
    // Two relays, as two API processes would run: SKIP LOCKED must keep them from publishing a row twice.
    vertx.deployVerticle(new OutboxRelay(config)).await();
    vertx.deployVerticle(new OutboxRelay(config)).await();
  }

  @AfterEach
  void stop(Vertx vertx) throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await();
    }
    fixture.close();
  }

  @Test
  void committed_messages_are_published_once_each_with_their_headers() throws Exception {
    List<OutboxMessage> messages = fixture.billingJobs(300, "test.job");
    fixture.append(messages);

    fixture.probe().awaitMessageIds(ids(messages), Duration.ofSeconds(15));
    Thread.sleep(300); // time for a duplicate to show up, if there were one

    assertThat(fixture.probe().messageIds()).hasSize(messages.size()).doesNotHaveDuplicates();
    Map<String, Delivery> byId = fixture.probe().deliveries().stream()
        .collect(Collectors.toMap(d -> d.getProperties().getMessageId(), Function.identity()));
    for (OutboxMessage message : messages) {
      Delivery delivery = byId.get(message.id().toString());
      assertThat(delivery.getProperties().getType()).isEqualTo("test.job");
      assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
      assertThat(delivery.getEnvelope().getExchange()).isEqualTo(fixture.topology().name("billing"));
      assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo(message.routingKey());
      assertThat(new JsonObject(new String(delivery.getBody(), java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(message.payload());
    }
    fixture.awaitOutboxDrained(Duration.ofSeconds(20));
    assertThat(fixture.outboxSize()).isZero();
  }

  @Test
  void a_rolled_back_transaction_publishes_nothing() throws Exception {
    OutboxMessage rolledBack = fixture.billingJobs(1, "test.rolled-back").get(0);
    Future<Void> failed = fixture.pool().withTransaction(tx ->
        Outbox.append(tx, rolledBack).compose(v -> Future.<Void>failedFuture("the business change failed")));
    assertThatThrownBy(failed::await).hasMessageContaining("the business change failed");

    // A later committed message arriving shows the relay has passed over the rolled-back one.
    List<OutboxMessage> marker = fixture.billingJobs(1, "test.marker");
    fixture.append(marker);
    fixture.probe().awaitMessageIds(ids(marker), Duration.ofSeconds(10));
    Thread.sleep(200);

    assertThat(fixture.probe().messageIds()).containsExactlyElementsOf(ids(marker));
    fixture.awaitOutboxDrained(Duration.ofSeconds(20));
    assertThat(fixture.outboxSize()).isZero();
  }
}
