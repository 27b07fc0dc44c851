package io.atrium.worker.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atrium.worker.Job;
import io.atrium.worker.JobHandler;
import io.atrium.worker.JobHandlers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The consumer of one partition queue. Deliveries arrive on amqp-client's thread and are moved onto
 * the Vert.x context before any handler (database) code runs. A partition's jobs are applied one
 * after another in delivery order, so one workspace's jobs never race each other for its rows.
 * Acks and nacks go back through a worker thread, because amqp-client blocks.
 */
public final class PartitionConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(PartitionConsumer.class);

  private final String queue;
  private final Context context;
  private final JobHandlers handlers;
  private Future<Void> previous = Future.succeededFuture(); // only touched on the context

  public PartitionConsumer(Channel channel, String queue, Context context, JobHandlers handlers) {
    super(channel);
    this.queue = queue;
    this.context = context;
    this.handlers = handlers;
  }

  @Override
  public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    context.runOnContext(v -> previous = previous.transform(done -> dispatch(envelope, properties, body)));
  }

  /** Applies and settles one delivery; the future completes when the handler is done, never failed. */
  private Future<Void> dispatch(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    long tag = envelope.getDeliveryTag();
    Optional<JobHandler> handler = handlers.find(properties.getType());
    if (handler.isEmpty()) {
      log.error("{}: no handler for job type {} (message {}): dead-lettering it", queue, properties.getType(), properties.getMessageId());
      settle(tag, false, false);
      return Future.succeededFuture();
    }
    Job job;
    try {
      job = new Job(UUID.fromString(properties.getMessageId()), properties.getType(),
          new JsonObject(new String(body, StandardCharsets.UTF_8)), envelope.isRedeliver());
    } catch (RuntimeException e) {
      log.error("{}: malformed message {} of type {}: dead-lettering it ({})", queue, properties.getMessageId(), properties.getType(), e.toString());
      settle(tag, false, false);
      return Future.succeededFuture();
    }
    Future<Void> applied;
    try {
      applied = handler.get().handle(job);
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    return applied.transform(result -> {
      if (result.failed()) {
        log.warn("{}: job {} of type {} failed, the broker will redeliver it", queue, job.id(), job.type(), result.cause());
      }
      settle(tag, result.succeeded(), true);
      return Future.succeededFuture();
    });
  }

  /** Acks, or nacks with or without requeue (without: the queue dead-letters it). */
  private void settle(long tag, boolean ack, boolean requeue) {
    context.executeBlocking(() -> {
      if (ack) {
        getChannel().basicAck(tag, false);
      } else {
        getChannel().basicNack(tag, false, requeue);
      }
      return null;
    }, false).onFailure(e -> log.warn("{}: could not settle delivery {} ({}); the broker will redeliver it", queue, tag, e.toString()));
  }
}
