package io.atrium.billing;

import com.rabbitmq.client.Delivery;
import io.atrium.billing.internal.BillingEndpoints;
import io.atrium.billing.internal.HandleBillingNotification;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Backoff;
import io.atrium.platform.Mailer;
import io.atrium.platform.QueueConsumer;
import io.atrium.platform.Topology;
import io.atrium.platform.Transience;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Consumes {@link BillingNotifications} from the {@code billing.notifications} queue (API processes
 * compete for them). Each delivery is handled on this verticle's context and acked only after it was
 * handled; a transient failure is retried in-process until the database answers, a deterministic one is requeued once,
 * then dead-lettered. amqp-client blocks, so every call to it runs
 * on a worker thread.
 */
public final class BillingNotificationsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BillingNotificationsVerticle.class);
  private static final int PREFETCH = 20;

  private final AtriumConfig config;
  private final Pool pool;
  private final Clock clock;
  private QueueConsumer consumer;
  private volatile boolean stopped;

  public BillingNotificationsVerticle(AtriumConfig config, Pool pool, Clock clock) {
    this.config = config;
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // Mail is queued in the outbox and sent by the relay with retries: a slow SMTP server holds up no notification.
    HandleBillingNotification handling = BillingEndpoints.notifications(vertx, pool, clock, Mailer.viaOutbox(pool));
    consumer = new QueueConsumer(vertx, config, "billing notification");
    return consumer.start(context, "atrium-api-billing-notifications", Topology.BILLING_NOTIFICATIONS, PREFETCH,
        delivery -> handle(handling, delivery));
  }

  private void handle(HandleBillingNotification handling, Delivery delivery) {
    String type = delivery.getProperties().getType() != null ? delivery.getProperties().getType() : delivery.getEnvelope().getRoutingKey();
    attempt(handling, type, delivery, consumer.shutdowns(), new Backoff(100, config.integer("billing.retryMaxBackoffMillis")), 1);
  }

  /**
   * Handles the delivery; a transient failure (database away) is retried here from a timer with capped backoff and
   * never settled meanwhile, since every requeue would count toward the queue's delivery limit. Only a
   * deterministic failure is requeued once, then dead-lettered. A channel shut down since the delivery abandons it:
   * the broker gives it again.
   */
  private void attempt(HandleBillingNotification handling, String type, Delivery delivery, long shutdownsAtDelivery, Backoff backoff, int n) {
    if (stopped || consumer.shutdowns() != shutdownsAtDelivery) {
      return;
    }
    Future<Void> handled;
    try {
      handled = handling.handle(type, new JsonObject(new String(delivery.getBody(), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    handled.onComplete(result -> {
      if (result.failed() && Transience.isTransient(result.cause())) {
        long delay = backoff.next();
        log.warn("billing notification {}: database unavailable ({}); retrying in {} ms (attempt {})", type, result.cause().toString(), delay, n);
        vertx.setTimer(delay, id -> attempt(handling, type, delivery, shutdownsAtDelivery, backoff, n + 1));
        return;
      }
      if (n > 1 && result.succeeded()) {
        log.info("billing notification {} handled after {} attempts", type, n);
      }
      consumer.settle(delivery, result);
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return consumer == null ? Future.succeededFuture() : consumer.stop();
  }
}
