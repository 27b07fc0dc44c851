package io.atrium.worker.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.atrium.platform.Backoff;
import io.atrium.platform.Transience;
import io.atrium.worker.Job;
import io.atrium.worker.JobHandlers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * Vert.x context; while one batch is being applied the next accumulates (at most the prefetch window).
 * A batch is sized by count and by time: it takes up to {@code batchSize} jobs in delivery order, as soon
 * as that many wait or the oldest has waited {@code batchMillis}, so jobs that trickle in still share a
 * transaction. After the batch commits one multiple-ack settles it all.
 * <p>
 * A batch that fails for a transient reason ({@link Transience}: the database or broker away, a lost race)
 * is retried as it is, with capped exponential backoff, and nothing new is taken meanwhile: nothing is
 * nacked, so an outage never spends a job's deliveries. A batch that fails otherwise is retried job by job;
 * a job that fails deterministically has the failure counted ({@link DeadLetterGate}) and is requeued, and
 * at the delivery limit it is kept as a dead letter and acked. Channel calls block: they go through ordered
 * worker-thread tasks, so a nack never overtakes the ack of a batch before it.
 */
public final class PartitionConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(PartitionConsumer.class);

  /** A delivery waiting to be applied; {@code job} is null when it cannot be (unknown type, malformed). */
  record Delivered(long tag, Job job, String rejection, Envelope envelope, AMQP.BasicProperties properties, String body, long arrivedNanos) {}

  private final String queue;
  private final Context context;
  private final JobHandlers handlers;
  private final int batchSize;
  private final long batchNanos;
  private final DeadLetterGate gate;
  private final WorkerMeters meters;
  private final Backoff backoff;
  private final ArrayDeque<Delivered> waiting = new ArrayDeque<>(); // only touched on the context
  private boolean applying; // only touched on the context
  private long lingerTimer = -1; // the timer that takes the next batch, only touched on the context
  private int attempt; // transient failures in a row, only touched on the context
  private long channelGeneration; // channel shutdowns so far, only touched on the context
  private Promise<Void> drained; // set by drain(), only touched on the context

  public PartitionConsumer(Channel channel, String queue, Context context, JobHandlers handlers, int batchSize, long batchMillis,
                           DeadLetterGate gate, WorkerMeters meters, Backoff backoff) {
    super(channel);
    this.queue = queue;
    this.context = context;
    this.handlers = handlers;
    this.batchSize = batchSize;
    this.batchNanos = batchMillis * 1_000_000;
    this.gate = gate;
    this.meters = meters;
    this.backoff = backoff;
  }

  /**
   * The channel is gone (automatic recovery opens a new one and the broker delivers every unsettled message again):
   * what waits here is dropped, and a batch being retried is abandoned, so nothing is applied twice from memory and
   * the waiting list does not grow with each recovery.
   */
  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    context.runOnContext(v -> {
      channelGeneration++;
      if (!waiting.isEmpty()) {
        log.info("{}: the channel was lost; dropping {} waiting deliveries, the broker delivers them again", queue, waiting.size());
        waiting.clear();
      }
    });
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
    long arrived = System.nanoTime();
    String text = new String(body, StandardCharsets.UTF_8);
    if (!handlers.knows(properties.getType())) {
      return new Delivered(tag, null, "no handler for job type " + properties.getType(), envelope, properties, text, arrived);
    }
    try {
      return new Delivered(tag, new Job(UUID.fromString(properties.getMessageId()), properties.getType(),
          new JsonObject(text), envelope.isRedeliver()), null, envelope, properties, text, arrived);
    } catch (RuntimeException e) {
      return new Delivered(tag, null, "malformed message of type " + properties.getType() + " (" + e + ")", envelope, properties, text, arrived);
    }
  }

  /**
   * Stops taking batches and completes once the one being applied is settled, so a worker that stops does not leave a
   * job applied but unacked (it would be applied again). What waits unapplied goes back to the queue with the channel.
   */
  public Future<Void> drain() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      drained = promise;
      waiting.clear();
      if (!applying) {
        promise.tryComplete();
      }
    });
    return promise.future();
  }

  private void applyNextBatch() {
    if (drained != null) {
      waiting.clear();
      drained.tryComplete();
      return;
    }
    if (applying || waiting.isEmpty()) {
      return;
    }
    long waited = System.nanoTime() - waiting.peek().arrivedNanos();
    if (waiting.size() < batchSize && waited < batchNanos) {
      if (lingerTimer < 0) { // a few ms more, so what is still arriving joins this batch
        lingerTimer = context.owner().setTimer(Math.max(1, (batchNanos - waited) / 1_000_000), id -> {
          lingerTimer = -1;
          applyNextBatch();
        });
      }
      return;
    }
    if (lingerTimer >= 0) { // full before its time
      context.owner().cancelTimer(lingerTimer);
      lingerTimer = -1;
    }
    applying = true;
    List<Delivered> batch = new ArrayList<>();
    while (batch.size() < batchSize && !waiting.isEmpty()) {
      batch.add(waiting.poll());
    }
    settleUnreadable(batch.stream().filter(d -> d.job() == null).toList())
        .compose(v -> apply(batch.stream().filter(d -> d.job() != null).toList()))
        .onComplete(done -> {
          applying = false;
          applyNextBatch();
        });
  }

  /** Messages no handler can ever read are dead letters at once; the future never fails. */
  private Future<Void> settleUnreadable(List<Delivered> unreadable) {
    Future<Void> chain = Future.succeededFuture();
    for (Delivered d : unreadable) {
      chain = chain.compose(v -> untilDone(() -> gate.bury(d, d.rejection(), 1), "keeping a dead letter"))
          .compose(kept -> {
            log.error("{}: message {}: {}: {}", queue, d.properties().getMessageId(), d.rejection(),
                kept ? "kept as a dead letter" : "handed to the broker's dead-letter queue");
            return settle(d.tag(), kept ? Settle.ACK_ONE : Settle.TO_DEAD_LETTER_QUEUE);
          });
    }
    return chain;
  }

  /** Applies the batch and settles every delivery of it; the future never fails. */
  private Future<Void> apply(List<Delivered> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    attempt(batch, channelGeneration, done);
    return done.future();
  }

  /**
   * One try of the batch. A transient failure tries again from a timer, completing the same {@code done}: an outage
   * of any length nests nothing. A channel shut down since the batch was delivered abandons it unsettled (the broker
   * gives it again).
   */
  private void attempt(List<Delivered> batch, long generation, Promise<Void> done) {
    if (generation != channelGeneration) {
      log.info("{}: the channel was lost; {} job(s) left to the broker to deliver again", queue, batch.size());
      done.complete();
      return;
    }
    if (drained != null) { // stopping during an outage: the broker delivers the batch again to the next worker
      done.complete();
      return;
    }
    List<Job> jobs = batch.stream().map(Delivered::job).toList();
    long started = System.nanoTime();
    handlers.apply(jobs).onComplete(result -> {
      if (result.succeeded()) {
        recovered();
        meters.applied(jobs, System.nanoTime() - started);
        gate.forget(batch).compose(v -> settle(batch.get(batch.size() - 1).tag(), Settle.ACK_UP_TO)).onComplete(v -> done.complete());
      } else if (Transience.isTransient(result.cause())) {
        context.owner().setTimer(nextDelay(result.cause(), batch.size()), id -> attempt(batch, generation, done));
      } else {
        recovered();
        Future<Void> settled;
        if (batch.size() > 1) {
          log.warn("{}: a batch of {} jobs failed ({}); applying them one by one", queue, batch.size(), result.cause().toString());
          settled = oneByOne(batch);
        } else {
          settled = failedForGood(batch.get(0), result.cause());
        }
        settled.onComplete(v -> done.complete());
      }
    });
  }

  /** A job that failed deterministically: counted, then requeued, or kept as a dead letter at the limit. */
  private Future<Void> failedForGood(Delivered only, Throwable cause) {
    return untilDone(() -> gate.countFailure(only, cause), "counting a failure").compose(buried -> {
      if (buried) {
        log.error("{}: job {} of type {} failed {} times, kept as a dead letter: {}", queue, only.job().id(), only.job().type(),
            gate.limit(), cause.toString(), cause);
        return settle(only.tag(), Settle.ACK_ONE);
      }
      log.warn("{}: job {} of type {} failed, it will be tried again: {}", queue, only.job().id(), only.job().type(), cause.toString(), cause);
      return settle(only.tag(), Settle.REQUEUE);
    });
  }

  /** Runs {@code step} until it succeeds, waiting between transient failures; gives up (and requeues) on others. */
  private Future<Boolean> untilDone(java.util.function.Supplier<Future<Boolean>> step, String what) {
    Promise<Boolean> done = Promise.promise();
    tryStep(step, what, done);
    return done.future();
  }

  private void tryStep(java.util.function.Supplier<Future<Boolean>> step, String what, Promise<Boolean> done) {
    step.get().onComplete(result -> {
      if (result.succeeded()) {
        recovered();
        done.complete(result.result());
      } else if (Transience.isTransient(result.cause())) {
        context.owner().setTimer(nextDelay(result.cause(), 1), id -> tryStep(step, what, done));
      } else {
        log.warn("{}: {} failed: {}", queue, what, result.cause().toString());
        done.complete(false);
      }
    });
  }

  /** The next backoff delay; one log line per attempt. */
  private long nextDelay(Throwable cause, int jobs) {
    long delay = backoff.next();
    attempt++;
    meters.transientFailure();
    log.warn("{}: database or broker unavailable ({}); retrying the same {} job(s) in {} ms (attempt {}), taking nothing new meanwhile",
        queue, cause.toString(), jobs, delay, attempt);
    return delay;
  }

  private void recovered() {
    if (attempt > 0) {
      log.info("{}: the database answers again after {} attempt(s); consuming", queue, attempt);
    }
    attempt = 0;
    backoff.reset();
  }

  private Future<Void> oneByOne(List<Delivered> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Delivered delivered : batch) {
      chain = chain.compose(v -> apply(List.of(delivered)));
    }
    return chain;
  }

  private enum Settle { ACK_UP_TO, ACK_ONE, REQUEUE, TO_DEAD_LETTER_QUEUE }

  /** Settles on a worker thread, in order; the future never fails (an unsettled delivery comes back). */
  private Future<Void> settle(long tag, Settle how) {
    return context.<Void>executeBlocking(() -> {
      switch (how) {
        case ACK_UP_TO -> getChannel().basicAck(tag, true);
        case ACK_ONE -> getChannel().basicAck(tag, false);
        case REQUEUE -> getChannel().basicNack(tag, false, true);
        case TO_DEAD_LETTER_QUEUE -> getChannel().basicNack(tag, false, false);
      }
      return null;
    }, true).recover(e -> {
      log.warn("{}: could not settle delivery {} ({}); the broker will redeliver it", queue, tag, e.toString());
      return Future.succeededFuture();
    });
  }
}
