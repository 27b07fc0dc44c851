package io.atrium.webhooks;

import com.rabbitmq.client.Delivery;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Backoff;
import io.atrium.platform.QueueConsumer;
import io.atrium.platform.Transience;
import io.atrium.webhooks.internal.DeliverySettings;
import io.atrium.webhooks.internal.Dispatcher;
import io.atrium.webhooks.internal.FanOut;
import io.atrium.webhooks.internal.PruneDeliveries;
import io.atrium.webhooks.internal.WebhookEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans events out to endpoints and sends the deliveries. Consumes the {@value #QUEUE} queue (API processes compete for
 * it): events become their deliveries in one transaction per batch (those that came while the last batch committed),
 * each acked only after the commit; a transient failure
 * (database away) is retried here, never dead-lettered. The {@link Dispatcher} then sends what is due, from the
 * database, so a delivery outlives the process that was sending it. amqp-client blocks: its calls run on worker threads.
 */
public final class WebhookDeliveryVerticle extends VerticleBase {

  /** The fan-out queue of {@code config/topology.json}, bound to the events exchange with {@code webhook-event.#}. */
  public static final String QUEUE = "webhooks.events";

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryVerticle.class);

  private final AtriumConfig config;
  private final Pool pool;
  private final Clock clock;
  private QueueConsumer consumer;
  private Dispatcher dispatcher;
  private PruneDeliveries pruning;
  private volatile boolean stopped;
  private List<Received> gathered = new ArrayList<>();
  private boolean fanningOut;

  public WebhookDeliveryVerticle(AtriumConfig config, Pool pool, Clock clock) {
    this.config = config;
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    DeliverySettings settings = DeliverySettings.from(config);
    FanOut fanOut = WebhookEndpoints.fanOut(pool, clock);
    dispatcher = WebhookEndpoints.dispatcher(vertx, pool, config, clock, settings);
    dispatcher.start();
    pruning = WebhookEndpoints.pruning(vertx, pool, clock, settings);
    pruning.start();
    consumer = new QueueConsumer(vertx, config, "webhook event");
    return consumer.start(context, "atrium-api-webhooks", QUEUE, settings.prefetch(), delivery -> receive(fanOut, delivery));
  }

  /** One received event; a batch of them is fanned out while the previous batch commits (group commit). */
  private record Received(Delivery delivery, FanOut.Event event, long shutdownsAtDelivery) {}

  private void receive(FanOut fanOut, Delivery delivery) {
    FanOut.Event event;
    try {
      event = FanOut.Event.of(new JsonObject(new String(delivery.getBody(), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      consumer.settle(delivery, Future.failedFuture(e));
      return;
    }
    boolean start;
    synchronized (this) {
      gathered.add(new Received(delivery, event, consumer.shutdowns()));
      start = !fanningOut;
      fanningOut = true;
    }
    if (start) {
      next(fanOut);
    }
  }

  private void next(FanOut fanOut) {
    List<Received> batch;
    synchronized (this) {
      if (gathered.isEmpty()) {
        fanningOut = false;
        return;
      }
      batch = gathered;
      gathered = new ArrayList<>();
    }
    attempt(fanOut, batch, new Backoff(100, 5_000), 1);
  }

  /**
   * Fans the batch out; a transient failure (database away) is retried here with capped backoff and never settled
   * meanwhile, since every requeue would count toward the queue's delivery limit. Deliveries of a channel shut down
   * since are abandoned: the broker gives them again.
   */
  private void attempt(FanOut fanOut, List<Received> batch, Backoff backoff, int n) {
    long current = consumer.shutdowns();
    List<Received> live = batch.stream().filter(r -> r.shutdownsAtDelivery() == current).toList();
    if (stopped || live.isEmpty()) {
      next(fanOut);
      return;
    }
    fanOut.handle(live.stream().map(Received::event).toList()).onComplete(result -> {
      if (result.failed() && Transience.isTransient(result.cause())) {
        long delay = backoff.next();
        log.warn("webhook events: database unavailable ({}); retrying in {} ms (attempt {})", result.cause().toString(), delay, n);
        vertx.setTimer(delay, id -> attempt(fanOut, live, backoff, n + 1));
        return;
      }
      live.forEach(r -> consumer.settle(r.delivery(), result));
      if (result.succeeded() && result.result() > 0) {
        dispatcher.sweep();
      }
      next(fanOut);
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (dispatcher != null) {
      dispatcher.stop();
    }
    if (pruning != null) {
      pruning.stop();
    }
    return consumer == null ? Future.succeededFuture() : consumer.stop();
  }
}
