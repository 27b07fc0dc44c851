package io.atrium.platform;

import io.atrium.platform.internal.ConfirmingPublisher;
import io.atrium.platform.internal.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Publishes the outbox: claims due rows ({@code FOR UPDATE SKIP LOCKED}, so relays in several
 * processes share the work), publishes them with confirms and deletes them in the same transaction
 * once the broker has them. On any failure nothing is deleted; the relay backs off exponentially up
 * to {@code outbox.maxBackoffMillis}, reconnects and carries on. A crash between confirm and commit
 * publishes again: consumers drop duplicates by message id.
 */
public class OutboxRelay extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** What one transaction did: how many messages went out, or why none did and when to retry. */
  private record Batch(int published, Throwable failure, long retryInMillis) {}

  private final AtriumConfig config;
  private final int batchSize;
  private final long pollMillis;
  private final Backoff backoff;
  private Pool pool;
  private ConfirmingPublisher publisher;
  private long timer = -1;
  private boolean stopped;

  public OutboxRelay(AtriumConfig config) {
    this.config = config;
    this.batchSize = config.integer("outbox.batchSize");
    this.pollMillis = config.integer("outbox.pollMillis");
    this.backoff = new Backoff(pollMillis, config.integer("outbox.maxBackoffMillis"));
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config);
    publisher = new ConfirmingPublisher(config, new Topology(config));
    schedule(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return vertx.executeBlocking(() -> {
      publisher.close();
      return null;
    }, false).eventually(() -> pool.close());
  }

  private void schedule(long delayMillis) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMillis), id -> relayOnce());
    }
  }

  /** Whether the relay holds a live broker connection: what {@code /health/ready} reports for RabbitMQ. */
  public boolean connected() {
    return publisher != null && publisher.isOpen();
  }

  private void relayOnce() {
    // Connect even with nothing to publish, so an absent broker shows in readiness at once.
    Future<Void> connected = connected() ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      publisher.connect();
      return null;
    }, false);
    connected.compose(v -> pool.withTransaction(this::relayBatch)).onComplete(result -> {
      Batch batch = result.succeeded() ? result.result() : new Batch(0, result.cause(), backoff.next());
      if (batch.failure() == null) {
        if (batch.published() > 0) {
          backoff.reset(); // an empty poll says nothing about the broker
        }
        schedule(batch.published() == batchSize ? 0 : pollMillis);
      } else {
        log.warn("outbox relay: {}; retrying in {} ms", batch.failure().toString(), batch.retryInMillis());
        schedule(batch.retryInMillis());
      }
    });
  }

  private Future<Batch> relayBatch(SqlConnection tx) {
    return OutboxStore.claim(tx, batchSize).compose(messages -> {
      if (messages.isEmpty()) {
        return Future.succeededFuture(new Batch(0, null, 0));
      }
      List<UUID> ids = messages.stream().map(OutboxMessage::id).toList();
      return vertx.executeBlocking(() -> {
        publisher.publish(messages);
        return null;
      }, false).compose(
          published -> OutboxStore.delete(tx, ids).map(new Batch(messages.size(), null, 0)),
          failure -> {
            // Commit only the attempt count: the rows stay until a broker confirms them.
            return OutboxStore.countFailedAttempt(tx, ids).map(new Batch(0, failure, backoff.next()));
          });
    });
  }
}
