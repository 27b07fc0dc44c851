package io.atrium.worker.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atrium.worker.Job;
import io.atrium.worker.JobHandlers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The consumer of one partition queue. Deliveries arrive on amqp-client's thread and queue up on the
 * Vert.x context; while one batch is being applied the next accumulates, and it takes up to
 * {@code batchSize} jobs in delivery order. After the batch commits one multiple-ack settles it all.
 * A failed batch is retried job by job, so one poison message is nacked (and dead-lettered by the
 * queue's delivery limit) while the others are applied. Channel calls block: they go through ordered
 * worker-thread tasks, so a nack never overtakes the ack of a batch before it.
 */
public final class PartitionConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(PartitionConsumer.class);

  /** A delivery waiting to be applied; {@code job} is null when it cannot be (unknown type, malformed). */
  private record Delivered(long tag, Job job, String rejection) {}

  private final String queue;
  private final Context context;
  private final JobHandlers handlers;
  private final int batchSize;
  private final ArrayDeque<Delivered> waiting = new ArrayDeque<>(); // only touched on the context
  private boolean applying; // only touched on the context

  public PartitionConsumer(Channel channel, String queue, Context context, JobHandlers handlers, int batchSize) {
    super(channel);
    this.queue = queue;
    this.context = context;
    this.handlers = handlers;
    this.batchSize = batchSize;
  }

  @Override
  public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    Delivered delivered = parse(envelope, properties, body);
    context.runOnContext(v -> {
      waiting.add(delivered);
      applyNextBatch();
    });
  }

  private Delivered parse(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    long tag = envelope.getDeliveryTag();
    if (!handlers.knows(properties.getType())) {
      return new Delivered(tag, null, "no handler for job type " + properties.getType() + " (message " + properties.getMessageId() + ")");
    }
    try {
      return new Delivered(tag, new Job(UUID.fromString(properties.getMessageId()), properties.getType(),
          new JsonObject(new String(body, StandardCharsets.UTF_8)), envelope.isRedeliver()), null);
    } catch (RuntimeException e) {
      return new Delivered(tag, null, "malformed message " + properties.getMessageId() + " of type " + properties.getType() + " (" + e + ")");
    }
  }

  private void applyNextBatch() {
    if (applying || waiting.isEmpty()) {
      return;
    }
    applying = true;
    List<Delivered> batch = new ArrayList<>();
    while (batch.size() < batchSize && !waiting.isEmpty()) {
      Delivered next = waiting.poll();
      if (next.job() == null) {
        log.error("{}: {}: dead-lettering it", queue, next.rejection());
        settle(next.tag(), Settle.DEAD_LETTER);
      } else {
        batch.add(next);
      }
    }
    apply(batch).onComplete(done -> {
      applying = false;
      applyNextBatch();
    });
  }

  /** Applies the batch and settles every delivery of it; the future never fails. */
  private Future<Void> apply(List<Delivered> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Job> jobs = batch.stream().map(Delivered::job).toList();
    return handlers.apply(jobs).transform(result -> {
      if (result.succeeded()) {
        return settle(batch.get(batch.size() - 1).tag(), Settle.ACK_UP_TO);
      }
      if (batch.size() > 1) {
        log.warn("{}: a batch of {} jobs failed ({}); applying them one by one", queue, batch.size(), result.cause().toString());
        return oneByOne(batch);
      }
      Delivered only = batch.get(0);
      log.warn("{}: job {} of type {} failed, the broker will redeliver it (or dead-letter it at the delivery limit): {}",
          queue, only.job().id(), only.job().type(), result.cause().toString(), result.cause());
      return settle(only.tag(), Settle.REQUEUE);
    });
  }

  private Future<Void> oneByOne(List<Delivered> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Delivered delivered : batch) {
      chain = chain.compose(v -> apply(List.of(delivered)));
    }
    return chain;
  }

  private enum Settle { ACK_UP_TO, REQUEUE, DEAD_LETTER }

  /** Settles on a worker thread, in order; the future never fails (an unsettled delivery comes back). */
  private Future<Void> settle(long tag, Settle how) {
    return context.<Void>executeBlocking(() -> {
      switch (how) {
        case ACK_UP_TO -> getChannel().basicAck(tag, true);
        case REQUEUE -> getChannel().basicNack(tag, false, true);
        case DEAD_LETTER -> getChannel().basicNack(tag, false, false);
      }
      return null;
    }, true).recover(e -> {
      log.warn("{}: could not settle delivery {} ({}); the broker will redeliver it", queue, tag, e.toString());
      return Future.succeededFuture();
    });
  }
}
