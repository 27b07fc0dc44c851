package io.atrium.worker;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.DeadLetters;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Topology;
import io.atrium.platform.testing.MessagingFixture;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static io.atrium.platform.testing.MessagingFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class BillingWorkerIT {

  private final AtriumConfig config = TestServices.get().config().with(Map.of("outbox.pollMillis", 50));
  /** Every job a handler was given, with whether it ran on a Vert.x context. */
  private final Queue<Job> handled = new ConcurrentLinkedQueue<>();
  private final Queue<Boolean> onContext = new ConcurrentLinkedQueue<>();
  /** Jobs whose (slow) handler has begun. */
  private final Queue<Job> slowStarted = new ConcurrentLinkedQueue<>();
  private MessagingFixture fixture;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    fixture = MessagingFixture.start(vertx, config);
    JobHandlers handlers = new JobHandlers()
        .register("test.applied", this::applyInTransaction)
        .register("test.fails-once", job -> job.redelivered()
            ? applyInTransaction(job)
            : record(job).compose(v -> Future.failedFuture("the first attempt fails")))
        .register("test.slow", job -> {
          slowStarted.add(job);
          return vertx.timer(700).compose(t -> applyInTransaction(job));
        })
        .register("test.always-fails", job -> record(job).compose(v -> Future.failedFuture(new IllegalArgumentException("this job can never be applied"))));
    vertx.deployVerticle(new BillingWorker(config, handlers)).await();
    vertx.deployVerticle(new OutboxRelay(config)).await();
  }

  @AfterEach
  void stop() throws Exception {
    undeployAll();
    fixture.close();
  }

  @Test
  void each_job_reaches_its_handler_once_and_is_acked() throws Exception {
    List<OutboxMessage> jobs = fixture.billingJobs(50, "test.applied");
    fixture.append(jobs);

    awaitHandled(jobs.size());
    Thread.sleep(300); // time for a redelivery to show up, if there were one

    assertThat(handled).extracting(job -> job.id().toString()).containsExactlyInAnyOrderElementsOf(ids(jobs));
    assertThat(handled).extracting(Job::payload).containsExactlyInAnyOrderElementsOf(jobs.stream().map(OutboxMessage::payload).toList());
    assertThat(onContext).containsOnly(true);
    assertPartitionQueuesEmpty();
  }

  @Test
  void one_workspace_s_jobs_are_applied_in_the_order_they_were_appended() throws Exception {
    UUID workspace = UUID.randomUUID();
    int partitions = config.integer("billing.partitions");
    List<OutboxMessage> jobs = IntStream.range(0, 30)
        .mapToObj(i -> OutboxMessage.billingJob(workspace, "test.applied", new JsonObject().put("n", i), partitions))
        .toList();
    fixture.append(jobs);

    awaitHandled(jobs.size());

    assertThat(handled).extracting(job -> job.payload().getInteger("n")).containsExactlyElementsOf(IntStream.range(0, 30).boxed().toList());
  }

  @Test
  void a_job_whose_handler_fails_is_delivered_again() throws Exception {
    OutboxMessage job = fixture.billingJobs(1, "test.fails-once").get(0);
    fixture.append(List.of(job));

    awaitHandled(2);

    assertThat(handled).extracting(Job::id).containsExactly(job.id(), job.id());
    assertThat(handled).extracting(Job::redelivered).containsExactly(false, true);
    assertPartitionQueuesEmpty();
  }

  @Test
  void a_worker_that_stops_while_a_batch_is_applied_settles_it_before_it_closes() throws Exception {
    OutboxMessage job = fixture.billingJobs(1, "test.slow").get(0);
    fixture.append(List.of(job));
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (slowStarted.isEmpty()) {
      assertThat(System.nanoTime()).as("the slow handler began").isLessThan(deadline);
      Thread.sleep(10);
    }

    undeployAll(); // while the handler is still working

    assertThat(handled).extracting(Job::id).containsExactly(job.id());
    assertPartitionQueuesEmpty();
  }

  @Test
  void a_job_of_an_unknown_type_is_kept_as_a_dead_letter_with_why() throws Exception {
    List<OutboxMessage> job = fixture.billingJobs(1, "test.nobody-handles-this");
    fixture.append(job);

    List<DeadLetters.DeadLetter> letters = awaitDeadLetter(job.get(0).id());

    assertThat(letters).extracting(DeadLetters.DeadLetter::id).containsExactly(job.get(0).id().toString());
    assertThat(letters.get(0).reason()).contains("no handler for job type test.nobody-handles-this");
    assertThat(letters.get(0).exchange()).isEqualTo(Topology.BILLING_EXCHANGE);
    assertThat(handled).isEmpty();
    assertPartitionQueuesEmpty();
  }

  @Test
  void a_job_that_always_fails_is_tried_up_to_the_delivery_limit_then_kept_as_a_dead_letter() throws Exception {
    OutboxMessage job = fixture.billingJobs(1, "test.always-fails").get(0);
    fixture.append(List.of(job));

    List<DeadLetters.DeadLetter> letters = awaitDeadLetter(job.id());

    assertThat(handled).extracting(Job::id).containsOnly(job.id()).hasSize(config.integer("billing.deliveryLimit"));
    assertThat(letters.get(0).reason()).contains("this job can never be applied");
    assertThat(letters.get(0).failures()).isEqualTo(config.integer("billing.deliveryLimit"));
    assertPartitionQueuesEmpty();
  }

  @Test
  void what_the_broker_dead_lettered_is_kept_with_its_origin_and_why() throws Exception {
    UUID id = UUID.randomUUID();
    var headers = Map.<String, Object>of("x-first-death-exchange", fixture.topology().name(Topology.BILLING_EXCHANGE),
        "x-first-death-queue", fixture.topology().name(Topology.BILLING_JOBS) + ".p1", "x-first-death-reason", "delivery_limit");
    var properties = new com.rabbitmq.client.AMQP.BasicProperties.Builder().messageId(id.toString()).type("test.applied")
        .headers(headers).build();
    fixture.probe().channel().basicPublish(fixture.topology().name(Topology.DEAD_LETTER), "p1", properties, "{\"n\":7}".getBytes());

    DeadLetters.DeadLetter letter = awaitDeadLetter(id).get(0);

    assertThat(letter.exchange()).isEqualTo(Topology.BILLING_EXCHANGE);
    assertThat(letter.routingKey()).isEqualTo("p1");
    assertThat(letter.reason()).contains("delivery_limit");
    assertThat(fixture.probe().channel().queueDeclarePassive(fixture.topology().name(Topology.DEAD_LETTER)).getMessageCount()).isZero();

    DeadLetters.replay(fixture.pool(), fixture.topology(), false, List.of(id.toString())).await();
    awaitHandled(1);
    assertThat(handled).extracting(Job::id).containsExactly(id);
  }

  /** The dead letters of this message id, once there is one. */
  private List<DeadLetters.DeadLetter> awaitDeadLetter(UUID id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<DeadLetters.DeadLetter> letters = List.of();
    while (letters.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      letters = DeadLetters.list(fixture.pool(), 1000).await().stream().filter(l -> l.id().equals(id.toString())).toList();
    }
    assertThat(letters).hasSize(1);
    return letters;
  }

  /** What a real handler does: its work in a transaction, the future completing after the commit. */
  private Future<Void> applyInTransaction(Job job) {
    return fixture.pool()
        .withTransaction(tx -> tx.preparedQuery("SELECT $1::uuid").execute(Tuple.of(job.id())))
        .compose(rows -> record(job));
  }

  private Future<Void> record(Job job) {
    onContext.add(Vertx.currentContext() != null);
    handled.add(job);
    return Future.succeededFuture();
  }

  private void awaitHandled(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (handled.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(handled).hasSizeGreaterThanOrEqualTo(count);
  }

  /** Unacked deliveries return to their queue when the worker stops, so an empty queue means all were acked. */
  private void assertPartitionQueuesEmpty() throws Exception {
    undeployAll();
    for (String queue : fixture.topology().partitionQueues(Topology.BILLING_JOBS)) {
      assertThat(fixture.probe().channel().queueDeclarePassive(queue).getMessageCount()).as(queue).isZero();
    }
  }

  private void undeployAll() {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await();
    }
  }
}
