package io.atrium.platform;

import io.atrium.platform.internal.ConfirmingPublisher;
import io.atrium.platform.internal.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes the outbox: claims due rows ({@code FOR UPDATE SKIP LOCKED}, so relays in several
 * processes share the work), publishes them with confirms (or, for {@link Outbox#MAIL} rows, sends the mail)
 * and deletes them in the same transaction once the broker has them. When the broker or the database is away
 * nothing is deleted; the relay backs off exponentially up to {@code outbox.maxBackoffMillis}, reconnects and
 * carries on. A row that fails by itself (unroutable, an exchange not in the topology or refused by the broker, mail refused) waits longer before its next try while the
 * others go on, and after {@code outbox.parkAfterAttempts} failures it is parked ({@code ./atrium outbox}).
 * A crash between confirm and commit publishes again: consumers drop duplicates by message id.
 * <p>
 * Ordering: rows are claimed oldest due first, but with relays in several processes, a retried batch, or a row
 * that failed and waits, a later row can be published before an earlier one. Nothing relies on the order:
 * every job carries its own id and the ledger applies each once, whatever the order.
 */
public class OutboxRelay extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** What one transaction did: how many messages went out, or why none did and when to retry. */
  private record Batch(int published, Throwable failure, long retryInMillis) {}

  private final AtriumConfig config;
  private final int batchSize;
  private final long pollMillis;
  private final Backoff backoff;
  private final long maxBackoffMillis;
  private final int parkAfterAttempts;
  private Pool pool;
  private Mailer mailer;
  private final Set<UUID> failedMail = new HashSet<>(); // within one batch, on the relay's context
  private ConfirmingPublisher publisher;
  private Set<String> exchanges;
  private long timer = -1;
  private long sweepTimer = -1;
  private static final long SWEEP_MILLIS = 3_600_000;
  private boolean stopped;

  public OutboxRelay(AtriumConfig config) {
    this.config = config;
    this.batchSize = config.integer("outbox.batchSize");
    this.pollMillis = config.integer("outbox.pollMillis");
    this.maxBackoffMillis = config.integer("outbox.maxBackoffMillis");
    this.backoff = new Backoff(pollMillis, maxBackoffMillis);
    this.parkAfterAttempts = config.integer("outbox.parkAfterAttempts");
    Outbox.useKey(config); // before any mail is queued in this process
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config);
    mailer = Mailer.create(vertx, config);
    Topology topology = new Topology(config);
    exchanges = topology.exchanges();
    publisher = new ConfirmingPublisher(config, topology);
    schedule(0);
    forgetExpiredParkedMail();
    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> forgetExpiredParkedMail());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(sweepTimer);
    return vertx.executeBlocking(() -> {
      publisher.close();
      return null;
    }, false).eventually(() -> pool.close());
  }

  /** Parked mail outlives its tokens for no one: it is deleted after {@link Outbox#PARKED_MAIL_KEPT}. */
  private void forgetExpiredParkedMail() {
    Outbox.forgetExpiredParkedMail(pool).onSuccess(n -> {
      if (n > 0) {
        log.info("outbox relay: deleted {} parked mail row(s) older than {} days", n, Outbox.PARKED_MAIL_KEPT.toDays());
      }
    }).onFailure(e -> log.warn("outbox relay: could not delete expired parked mail: {}", e.toString()));
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
      List<OutboxMessage> mail = messages.stream().filter(m -> Outbox.MAIL.equals(m.exchange())).toList();
      // A row for an exchange that is not in the topology (a replay gone wrong) would close the channel: it fails alone.
      Map<UUID, String> refused = new HashMap<>();
      messages.stream().filter(m -> !Outbox.MAIL.equals(m.exchange()) && !exchanges.contains(m.exchange()))
          .forEach(m -> refused.put(m.id(), "no exchange " + m.exchange() + " in the topology"));
      List<OutboxMessage> jobs = messages.stream().filter(m -> !Outbox.MAIL.equals(m.exchange()) && !refused.containsKey(m.id())).toList();
      Future<Set<String>> unroutable = jobs.isEmpty() ? Future.succeededFuture(Set.of()) : vertx.executeBlocking(() -> publish(jobs, refused), false);
      return unroutable.compose(
          returned -> failedAlone(tx, messages.stream().filter(m -> returned.contains(m.id().toString()) || refused.containsKey(m.id())).toList(),
                  m -> refused.getOrDefault(m.id(), "unroutable: no queue is bound to " + m.exchange() + " for routing key " + m.routingKey()), false)
              .compose(v -> sendMail(tx, mail))
              .compose(v -> OutboxStore.delete(tx, messages.stream().map(OutboxMessage::id)
                  .filter(id -> !returned.contains(id.toString())).filter(id -> !refused.containsKey(id)).filter(id -> !failedMail.contains(id)).toList()))
              .map(new Batch(messages.size(), null, 0)),
          // The broker did not take them: nothing is written, the rows keep their place, the relay backs off.
          failure -> Future.succeededFuture(new Batch(0, failure, backoff.next())));
    });
  }

  /**
   * Publishes the batch (on a worker thread); answers the ids the broker returned. When the broker closes the channel
   * with a soft error (404: an exchange gone), that is not an outage: the rows are published one by one and the one
   * refused is noted in {@code refused}, to fail alone. A lost connection still fails the whole batch.
   */
  private Set<String> publish(List<OutboxMessage> jobs, Map<UUID, String> refused) throws Exception {
    try {
      return publisher.publish(jobs);
    } catch (Exception e) {
      if (!Transience.isSoftChannelError(e)) {
        throw e;
      }
    }
    Set<String> returned = new HashSet<>();
    for (OutboxMessage job : jobs) {
      try {
        returned.addAll(publisher.publish(List.of(job)));
      } catch (Exception e) {
        if (!Transience.isSoftChannelError(e)) {
          throw e;
        }
        refused.put(job.id(), "refused by the broker (" + Transience.softChannelErrorCode(e) + "): "
            + (e.getMessage() == null && e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      }
    }
    return returned;
  }

  /** Sends each mail row; one that fails is counted (and later parked) by itself while the others go. */
  private Future<Void> sendMail(SqlConnection tx, List<OutboxMessage> mail) {
    failedMail.clear();
    Future<Void> chain = Future.succeededFuture();
    for (OutboxMessage m : mail) {
      chain = chain.compose(v -> send(m).transform(sent -> {
        if (sent.succeeded()) {
          return Future.succeededFuture();
        }
        failedMail.add(m.id());
        return failedAlone(tx, List.of(m), x -> "mail not accepted: " + sent.cause().getMessage(), Transience.isTransient(sent.cause()));
      }));
    }
    return chain;
  }

  private Future<Void> send(OutboxMessage m) {
    String text;
    try {
      text = Outbox.mailText(m);
    } catch (RuntimeException e) { // another key: this row's own failure
      return Future.failedFuture(e);
    }
    return mailer.send(m.payload().getString("to"), m.payload().getString("subject"), text);
  }

  /** Counts a failure of each row; parks those at the limit unless the failure was transient (never their fault). */
  private Future<Void> failedAlone(SqlConnection tx, List<OutboxMessage> failed, java.util.function.Function<OutboxMessage, String> why,
                                   boolean transientFailure) {
    Future<Void> chain = Future.succeededFuture();
    for (OutboxMessage m : failed) {
      chain = chain.compose(v -> OutboxStore.countFailure(tx, m.id(), why.apply(m), pollMillis, maxBackoffMillis).compose(attempts -> {
        if (transientFailure || attempts < parkAfterAttempts) {
          log.warn("outbox relay: message {} ({}) failed ({}), attempt {}; it will be tried again", m.id(), m.type(), why.apply(m), attempts);
          return Future.<Void>succeededFuture();
        }
        log.error("outbox relay: message {} ({}) failed {} times ({}): parked, see ./atrium outbox list", m.id(), m.type(), attempts, why.apply(m));
        return OutboxStore.park(tx, m.id());
      }));
    }
    return chain;
  }
}
