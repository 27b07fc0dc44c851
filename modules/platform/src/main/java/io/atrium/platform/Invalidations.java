package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What keeps this process's {@link NotifiedCache}s true: one PostgreSQL connection that {@code LISTEN}s on
 * {@link #CHANNEL}. Database triggers {@code NOTIFY} it, in the transaction that changes what a cache may hold, with
 * {@code <topic>:<id>} ({@code user:<uuid>}, {@code organization:<uuid>}); PostgreSQL delivers it on commit. While that
 * connection is down, every cache is emptied and bypassed until the {@code LISTEN} is back: a notification missed in
 * between must never keep a stale entry (a revoked token) alive.
 */
public final class Invalidations extends VerticleBase {

  public static final String CHANNEL = "atrium_invalidate";
  private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);
  private static final long RETRY_MS = 500;

  private final PgConnectOptions options;
  private final Map<String, List<Consumer<String>>> topics = new ConcurrentHashMap<>();
  private final List<NotifiedCache<?, ?>> caches = new CopyOnWriteArrayList<>();
  private volatile boolean listening;
  private volatile boolean stopped;
  private PgSubscriber subscriber;

  /** {@code options == null}: never listens, so every cache is bypassed. */
  private Invalidations(PgConnectOptions options) {
    this.options = options;
  }

  /** Listens on the configured database ({@code pg.url}) once deployed. */
  public static Invalidations listening(AtriumConfig config) {
    return new Invalidations(Database.connectOptions(config.string("pg.url")));
  }

  /** Never listens: every cache built on it asks the database each time. */
  public static Invalidations none() {
    return new Invalidations(null);
  }

  /** Whether notifications arrive now; caches serve entries only then. */
  public boolean live() {
    return listening;
  }

  /** Calls {@code evict} with the id of every {@code <topic>:<id>} notification. */
  public void on(String topic, Consumer<String> evict) {
    topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(evict);
  }

  /**
   * Evicts here and now what {@code <topic>:<id>} names, for a change this process just committed: its own next
   * request must not wait for the notification (which still tells the other processes).
   */
  public void evictHere(String topic, String id) {
    received(topic + ":" + id);
  }

  void register(NotifiedCache<?, ?> cache) {
    caches.add(cache);
  }

  @Override
  public Future<?> start() {
    if (options != null) {
      connect();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    listening = false;
    PgSubscriber current = subscriber;
    subscriber = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    // No reconnect policy of its own: a drop must reach dropped(), which the subscriber's own retries never tell.
    PgSubscriber next = PgSubscriber.subscriber(vertx, new PgConnectOptions(options)).reconnectPolicy(attempts -> -1L);
    subscriber = next;
    next.channel(CHANNEL).handler(this::received).subscribeHandler(v -> subscribed(next));
    next.closeHandler(v -> dropped(next, null));
    next.connect().onFailure(failure -> dropped(next, failure));
  }

  private void subscribed(PgSubscriber which) {
    if (which != subscriber) {
      return;
    }
    // Whatever was missed while down is gone with what the caches held then.
    caches.forEach(NotifiedCache::clear);
    listening = true;
    LOG.info("Listening on {}: per-process caches in use", CHANNEL);
  }

  private void dropped(PgSubscriber which, Throwable failure) {
    if (which != subscriber || stopped) {
      return;
    }
    subscriber = null;
    boolean was = listening;
    listening = false;
    caches.forEach(NotifiedCache::clear);
    if (was) {
      LOG.warn("Lost the LISTEN connection on {}: caches bypassed until it is back", CHANNEL);
    } else if (failure != null) {
      LOG.debug("LISTEN on {} not established yet: {}", CHANNEL, failure.toString());
    }
    which.close();
    vertx.setTimer(RETRY_MS, t -> connect());
  }

  private void received(String payload) {
    int colon = payload.indexOf(':');
    if (colon < 0) {
      return;
    }
    List<Consumer<String>> evictions = topics.get(payload.substring(0, colon));
    if (evictions != null) {
      String id = payload.substring(colon + 1);
      evictions.forEach(evict -> evict.accept(id));
    }
  }
}
