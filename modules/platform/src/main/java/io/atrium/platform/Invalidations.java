package io.atrium.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What keeps this process's {@link NotifiedCache}s true: one PostgreSQL connection that {@code LISTEN}s on
 * {@link #CHANNEL}. Database triggers {@code NOTIFY} it, in the transaction that changes what a cache may hold, with
 * {@code <topic>:<id>} ({@code user:<uuid>}, {@code organization:<uuid>}); PostgreSQL delivers it on commit. While that
 * connection is down, every cache is emptied and bypassed until the {@code LISTEN} is back: a notification missed in
 * between must never keep a stale entry (a revoked token) alive. A connection that dies without closing (half-open
 * TCP, a NAT or pooler dropping it) is caught by a {@link ListenHeartbeat}.
 */
public final class Invalidations extends VerticleBase {

  public static final String CHANNEL = "atrium_invalidate";
  private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);
  private static final long RETRY_MS = 500;
  /** Failed tries to LISTEN before a warning (debug before: a process starting beside its database may need a few). */
  private static final int QUIET_TRIES = 3;
  private static final String SETTLE_TOPIC = "settle";
  private static final String NOTIFY = "SELECT pg_notify($1, $2)";

  private final PgConnectOptions options;
  private final Pool pool;
  private final ListenHeartbeat heartbeat;
  /** Tells this process's {@code settle:} notifications from the other processes'. */
  private final String nonce = UUID.randomUUID().toString();
  private final AtomicLong settles = new AtomicLong();
  /** {@link #settled()} calls waiting for their own notification, by sequence number. */
  private final ConcurrentSkipListMap<Long, Runnable> settling = new ConcurrentSkipListMap<>();
  private final Map<String, List<Consumer<String>>> topics = new ConcurrentHashMap<>();
  private final List<NotifiedCache<?, ?>> caches = new CopyOnWriteArrayList<>();
  private final WarningThrottle failedTries = new WarningThrottle(LOG);
  private final WarningThrottle malformed = new WarningThrottle(LOG);
  private volatile boolean listening;
  private volatile boolean stopped;
  private volatile Pool listener;
  private int failures;

  /** {@code options == null}: never listens, so every cache is bypassed. */
  private Invalidations(PgConnectOptions options, Pool pool) {
    this.options = options;
    this.pool = pool;
    this.heartbeat = options == null ? null : new ListenHeartbeat(pool, this::silent);
  }

  /**
   * Listens on the configured database ({@code pg.listenUrl}, else {@code pg.url}) once deployed; {@code pool} (the
   * process's own) carries the heartbeat, as the database's other work does.
   */
  public static Invalidations listening(AtriumConfig config, Pool pool) {
    String listenUrl = config.string("pg.listenUrl");
    return new Invalidations(Database.connectOptions(listenUrl == null || listenUrl.isBlank() ? config.string("pg.url") : listenUrl), pool);
  }

  /** Never listens: every cache built on it asks the database each time. */
  public static Invalidations none() {
    return new Invalidations(null, null);
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

  /**
   * Completes once every notification committed before this call has been received here (PostgreSQL delivers them in
   * commit order): after a change this process just committed, its caches then hold nothing the change made stale, so
   * the change's own asker sees it in its next request, whichever cache its triggers touched. Completes at once while
   * not listening (caches are bypassed then); should the marker fail to commit, every cache is emptied instead.
   */
  public Future<Void> settled() {
    if (!listening) {
      return Future.succeededFuture();
    }
    Context context = Vertx.currentContext();
    Promise<Void> done = Promise.promise();
    long seq = settles.incrementAndGet();
    settling.put(seq, context == null ? done::tryComplete : () -> context.runOnContext(v -> done.tryComplete()));
    if (!listening) { // dropped meanwhile: the caches were emptied
      release(seq);
      return done.future();
    }
    pool.preparedQuery(NOTIFY).execute(Tuple.of(CHANNEL, SETTLE_TOPIC + ":" + nonce + ":" + seq)).onFailure(failure -> {
      caches.forEach(NotifiedCache::clear);
      release(seq);
    });
    return done.future();
  }

  /** {@code endpoint}, answering only once {@link #settled()}: for the endpoints that change what a cache holds. */
  public Function<JsonObject, Future<JsonObject>> settling(Function<JsonObject, Future<JsonObject>> endpoint) {
    return request -> endpoint.apply(request).compose(reply -> settled().map(reply));
  }

  /** Completes every {@link #settled()} up to {@code seq}. */
  private void release(long seq) {
    Map<Long, Runnable> due = settling.headMap(seq, true);
    due.values().forEach(Runnable::run);
    due.clear();
  }

  void register(NotifiedCache<?, ?> cache) {
    caches.add(cache);
  }

  @Override
  public Future<?> start() {
    if (options != null) {
      connect();
      vertx.setPeriodic(ListenHeartbeat.INTERVAL.toMillis(), t -> heartbeat.beat(listening ? listener : null));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    listening = false;
    release(Long.MAX_VALUE);
    Pool current = listener;
    listener = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    // A pool of one for the keepalive option (a lone PgConnection takes none); closing it closes the socket.
    Pool next = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("atrium-listen"))
        .with(new NetClientOptions().setTcpKeepAlive(true)).connectingTo(new PgConnectOptions(options)).using(vertx).build();
    listener = next;
    next.getConnection().compose(connection -> {
      PgConnection pg = PgConnection.cast(connection);
      pg.notificationHandler(notification -> {
        if (next == listener && CHANNEL.equals(notification.getChannel())) {
          received(notification.getPayload());
        }
      });
      pg.closeHandler(v -> dropped(next, null));
      return pg.query("LISTEN " + CHANNEL).execute();
    }).onSuccess(v -> subscribed(next)).onFailure(failure -> dropped(next, failure));
  }

  private void subscribed(Pool which) {
    if (which != listener) {
      return;
    }
    // Whatever was missed while down is gone with what the caches held then.
    caches.forEach(NotifiedCache::clear);
    heartbeat.restart(which);
    failures = 0;
    listening = true;
    LOG.info("Listening on {}: per-process caches in use", CHANNEL);
  }

  /** The heartbeat's echo stopped arriving on a connection that never closed. */
  private void silent(Pool which) {
    LOG.warn("No heartbeat echo on {} for {} s: dropping a LISTEN connection that went silent",
        CHANNEL, ListenHeartbeat.INTERVAL.multipliedBy(ListenHeartbeat.LATE_BEATS).toSeconds());
    dropped(which, null);
  }

  private void dropped(Pool which, Throwable failure) {
    if (which != listener || stopped) {
      return;
    }
    listener = null;
    boolean was = listening;
    listening = false;
    caches.forEach(NotifiedCache::clear);
    release(Long.MAX_VALUE); // emptied: nothing stale is left to wait for
    if (was) {
      LOG.warn("Lost the LISTEN connection on {}: caches bypassed until it is back", CHANNEL);
    } else if (failure != null && ++failures >= QUIET_TRIES) {
      failedTries.warn("LISTEN on {} still not established after {} tries, caches bypassed: {}", CHANNEL, failures, failure.toString());
    } else if (failure != null) {
      LOG.debug("LISTEN on {} not established yet: {}", CHANNEL, failure.toString());
    }
    which.close();
    vertx.setTimer(RETRY_MS, t -> connect());
  }

  private void received(String payload) {
    int colon = payload.indexOf(':');
    String topic = colon < 0 ? payload : payload.substring(0, colon);
    String id = colon < 0 ? "" : payload.substring(colon + 1);
    if (ListenHeartbeat.TOPIC.equals(topic)) {
      heartbeat.echoed(id);
      return;
    }
    if (SETTLE_TOPIC.equals(topic)) {
      settledUpTo(id);
      return;
    }
    if (id.isEmpty()) {
      forgetEverything(payload, null);
      return;
    }
    // One consumer's failure (an id it cannot read: anyone who may connect may NOTIFY) must not skip the others.
    RuntimeException failed = null;
    for (Consumer<String> evict : topics.getOrDefault(topic, List.of())) {
      try {
        evict.accept(id);
      } catch (RuntimeException e) {
        failed = e;
      }
    }
    if (failed != null) {
      forgetEverything(payload, failed);
    }
  }

  private void settledUpTo(String id) {
    if (id.startsWith(nonce + ":")) {
      try {
        release(Long.parseLong(id.substring(nonce.length() + 1)));
      } catch (NumberFormatException e) {
        // Not one of ours after all.
      }
    }
  }

  /** A notification we cannot read may have named anything: nothing kept can be trusted. */
  private void forgetEverything(String payload, RuntimeException failure) {
    caches.forEach(NotifiedCache::clear);
    String shown = payload.length() > 80 ? payload.substring(0, 80) + "..." : payload;
    malformed.warn("Unreadable notification on {} ({}), every cache emptied: {}", CHANNEL, shown, String.valueOf(failure));
  }
}
