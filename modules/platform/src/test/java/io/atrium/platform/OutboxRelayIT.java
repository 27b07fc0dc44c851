package io.atrium.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rabbitmq.client.Delivery;
import io.atrium.platform.testing.MessagingFixture;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.atrium.platform.testing.MessagingFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two relays, as two processes run them: each committed row published once; a row that fails by itself is retried,
 * then parked, and holds up nothing; mail rows go out over SMTP after the commit.
 */
@ExtendWith(VertxExtension.class)
class OutboxRelayIT {

  private GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private AtriumConfig config;
  private MessagingFixture fixture;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    smtp.start();
    config = TestServices.get().config().with(Map.of("outbox.pollMillis", 50, "outbox.maxBackoffMillis", 200,
        "outbox.parkAfterAttempts", 3, "smtp.host", "127.0.0.1", "smtp.port", smtp.getSmtp().getPort()));
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
    smtp.stop();
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
  void messages_appended_in_one_statement_are_published_once_each_with_their_payloads() throws Exception {
    // As a ledger batch writes them (Outbox.appendAll): payloads with nesting, numbers and text that JSON escapes.
    List<OutboxMessage> messages = fixture.billingJobs(50, "test.all").stream()
        .map(m -> new OutboxMessage(m.id(), m.exchange(), m.routingKey(), m.type(), m.payload().copy()
            .put("data", new JsonObject().put("ledgerSeq", Long.MAX_VALUE).put("note", "quote \" é \\ ü \n"))))
        .toList();
    fixture.pool().withTransaction(tx -> Outbox.appendAll(tx, messages)).await();

    fixture.probe().awaitMessageIds(ids(messages), Duration.ofSeconds(15));
    Thread.sleep(300); // time for a duplicate to show up, if there were one

    assertThat(fixture.probe().messageIds()).hasSameElementsAs(ids(messages)).doesNotHaveDuplicates();
    Map<String, Delivery> byId = fixture.probe().deliveries().stream()
        .collect(Collectors.toMap(d -> d.getProperties().getMessageId(), Function.identity()));
    for (OutboxMessage message : messages) {
      Delivery delivery = byId.get(message.id().toString());
      assertThat(delivery.getProperties().getType()).isEqualTo("test.all");
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

  @Test
  void an_unroutable_row_is_parked_while_the_others_go_out_and_a_replay_sends_it(Vertx vertx) throws Exception {
    OutboxMessage unroutable = new OutboxMessage(UUID.randomUUID(), Topology.BILLING_EXCHANGE, "no-such-partition", "test.lost",
        new JsonObject().put("n", 0));
    fixture.append(List.of(unroutable));
    List<OutboxMessage> after = fixture.billingJobs(30, "test.after");
    fixture.append(after);

    fixture.probe().awaitMessageIds(ids(after), Duration.ofSeconds(10));
    awaitParked(unroutable.id());
    Row parked = Outbox.parked(fixture.pool(), 100).await().stream().filter(r -> r.getUUID("id").equals(unroutable.id())).findFirst().orElseThrow();
    assertThat(parked.getInteger("attempts")).isEqualTo(3);
    assertThat(parked.getString("last_error")).contains("unroutable").contains("no-such-partition");
    fixture.awaitOutboxDrained(Duration.ofSeconds(5));
    assertThat(fixture.outboxSize()).isZero();

    // The operator binds a queue for it (the fix), then replays: it goes out once.
    String queue = fixture.probe().channel().queueDeclare().getQueue();
    fixture.probe().channel().queueBind(queue, fixture.topology().name(Topology.BILLING_EXCHANGE), "no-such-partition");
    fixture.probe().consume(List.of(queue));
    assertThat(Outbox.replayParked(fixture.pool(), false, List.of(unroutable.id())).await()).containsExactly(unroutable.id());
    fixture.probe().awaitMessageIds(List.of(unroutable.id().toString()), Duration.ofSeconds(10));
    assertThat(Outbox.parked(fixture.pool(), 100).await()).noneMatch(r -> r.getUUID("id").equals(unroutable.id()));
  }

  @Test
  void a_row_for_an_exchange_not_in_the_topology_is_parked_and_blocks_nothing() throws Exception {
    OutboxMessage nowhere = new OutboxMessage(UUID.randomUUID(), "no-such-exchange", "p0", "test.nowhere", new JsonObject().put("n", 0));
    fixture.append(List.of(nowhere));
    List<OutboxMessage> after = fixture.billingJobs(30, "test.after");
    fixture.append(after);

    fixture.probe().awaitMessageIds(ids(after), Duration.ofSeconds(10));
    awaitParked(nowhere.id());
    Row parked = Outbox.parked(fixture.pool(), 100).await().stream().filter(r -> r.getUUID("id").equals(nowhere.id())).findFirst().orElseThrow();
    assertThat(parked.getString("last_error")).contains("no-such-exchange").contains("topology");
  }

  @Test
  void mail_queued_in_a_transaction_is_sent_after_the_commit_and_not_at_all_after_a_rollback() throws Exception {
    fixture.pool().withTransaction(tx -> Outbox.mail(tx, "ada@example.com", "Committed", "Token: abc\n")).await();
    fixture.pool().withTransaction(tx -> Outbox.mail(tx, "bob@example.com", "Rolled back", "no")
        .compose(v -> io.vertx.core.Future.failedFuture("rollback"))).otherwiseEmpty().await();

    fixture.awaitOutboxDrained(Duration.ofSeconds(10));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    Thread.sleep(200);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Committed");
    assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains("Token: abc");
  }

  @Test
  void a_queued_mail_is_stored_without_its_token_and_parked_mail_is_deleted_after_seven_days() throws Exception {
    smtp.stop(); // the row stays in the outbox while we read it
    String token = "tok-" + UUID.randomUUID();
    fixture.pool().withTransaction(tx -> Outbox.mail(tx, "dee@example.com", "Reset your password", "Token: " + token + "\n")).await();
    Row stored = fixture.pool().query("SELECT id, payload::text AS payload FROM platform.outbox WHERE exchange = 'mail'").execute().await().iterator().next();
    assertThat(stored.getString("payload")).doesNotContain(token).doesNotContain("Token:").contains("dee@example.com");

    // Parked, it keeps no token longer than a token lives.
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    for (UUID id : List.of(old, recent)) {
      fixture.pool().preparedQuery("""
          INSERT INTO platform.outbox_parked (id, exchange, routing_key, message_type, payload, created_at, attempts, last_error, parked_at)
          SELECT $1, exchange, routing_key, message_type, payload, now() - $2::int * interval '1 day', 10, 'refused', now() FROM platform.outbox WHERE id = $3""")
          .execute(io.vertx.sqlclient.Tuple.of(id, id == old ? 8 : 6, stored.getUUID("id"))).await();
    }
    Outbox.forgetExpiredParkedMail(fixture.pool()).await(); // what the relays do hourly (and may have done at start)
    assertThat(Outbox.parked(fixture.pool(), 1000).await()).extracting(r -> r.getUUID("id")).contains(recent).doesNotContain(old);
    fixture.pool().preparedQuery("DELETE FROM platform.outbox_parked WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(recent)).await();

    smtp = new GreenMail(new com.icegreen.greenmail.util.ServerSetup(config.integer("smtp.port"), "127.0.0.1", "smtp"));
    smtp.start();
    fixture.awaitOutboxDrained(Duration.ofSeconds(10));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains("Token: " + token);
  }

  @Test
  void mail_waits_out_an_smtp_server_that_is_away_without_being_parked() throws Exception {
    smtp.stop();
    fixture.pool().withTransaction(tx -> Outbox.mail(tx, "cy@example.com", "Later", "text")).await();
    Thread.sleep(1500); // several attempts, more than parkAfterAttempts
    assertThat(fixture.outboxSize()).isEqualTo(1);
    assertThat(Outbox.parked(fixture.pool(), 1000).await()).noneMatch(r -> "mail".equals(r.getString("exchange")));

    // The same server back on the port it had (the relay's configuration names it).
    smtp = new GreenMail(new com.icegreen.greenmail.util.ServerSetup(config.integer("smtp.port"), "127.0.0.1", "smtp"));
    smtp.start();
    fixture.awaitOutboxDrained(Duration.ofSeconds(10));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Later");
  }

  private void awaitParked(UUID id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Outbox.parked(fixture.pool(), 1000).await().stream().noneMatch(r -> r.getUUID("id").equals(id))) {
      assertThat(System.nanoTime()).as("parked within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
