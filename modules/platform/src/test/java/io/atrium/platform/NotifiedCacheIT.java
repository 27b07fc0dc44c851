package io.atrium.platform;

import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link NotifiedCache} on a real {@code LISTEN} connection: what it keeps, and what it must not keep (a load that
 * raced an eviction or a dropped listener, nothing found, an entry at its expiry), and what an unreadable
 * notification does, and what {@link Invalidations#settled()} promises.
 */
@Timeout(60)
class NotifiedCacheIT {

  private static final String LISTENERS =
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%atrium_invalidate%'";
  private static Vertx vertx;
  private static Pool pool;
  private static Invalidations invalidations;
  private static final Set<String> heard = ConcurrentHashMap.newKeySet();
  private final MutableClock clock = MutableClock.startingNow();
  private final AtomicInteger loads = new AtomicInteger();

  @BeforeAll
  static void listen() {
    vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().config();
    Database.ensureExists(vertx, config.string("pg.url")).await();
    pool = Database.pool(vertx, config);
    invalidations = Invalidations.listening(config, pool);
    invalidations.on("heard", heard::add);
    vertx.deployVerticle(invalidations).await();
    await("listening", invalidations::live);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aLoadThatRacedANotifiedEvictionIsAnsweredButNotKept() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    invalidations.on("raced", cache::evict);
    Promise<String> slow = Promise.promise();
    Future<String> answered = cache.get("k", slow::future, value -> null);
    notifyAndWait("raced:k");
    slow.complete("read before the change");
    assertThat(answered.await()).isEqualTo("read before the change");
    assertThat(cache.get("k", this::load, value -> null).await()).as("asked again, not the raced value").isEqualTo("loaded 1");
    assertThat(cache.get("k", this::load, value -> null).await()).as("kept now").isEqualTo("loaded 1");
  }

  @Test
  void aLoadDuringWhichTheListenerDroppedIsNotKept() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    List<Integer> before = listeners();
    assertThat(before).as("this process's listener").isNotEmpty();
    Promise<String> slow = Promise.promise();
    cache.get("k", slow::future, value -> null);
    pool.preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)")
        .execute(Tuple.of((Object) before.toArray(Integer[]::new))).await();
    // The loss is seen when the socket closes; the reconnect waits half a second, time enough to see it.
    await("the loss of the listener seen", () -> !invalidations.live());
    await("listening again on a new connection", () -> invalidations.live() && listeners().stream().noneMatch(before::contains));
    slow.complete("read while notifications could be missed");
    assertThat(cache.get("k", this::load, value -> null).await()).isEqualTo("loaded 1");
  }

  @Test
  void aGroupEvictionDropsThatGroupOnlyAndSpoilsNoOtherGroupsLoad() {
    NotifiedCache<String, String> cache = new NotifiedCache<>(invalidations, 100, Duration.ofMinutes(1), clock, value -> value.substring(0, 1));
    invalidations.on("group", cache::evictGroup);
    cache.get("a1", () -> Future.succeededFuture("a: one"), value -> null).await();
    cache.get("b1", () -> Future.succeededFuture("b: one"), value -> null).await();
    Promise<String> sameGroup = Promise.promise();
    Promise<String> otherGroup = Promise.promise();
    cache.get("a2", sameGroup::future, value -> null);
    cache.get("b2", otherGroup::future, value -> null);
    notifyAndWait("group:a");
    sameGroup.complete("a: two, read before the change");
    otherGroup.complete("b: two");
    assertThat(kept(cache, "a1")).as("evicted with its group").isFalse();
    assertThat(kept(cache, "a2")).as("loaded across its group's eviction").isFalse();
    assertThat(kept(cache, "b1")).as("another group").isTrue();
    assertThat(kept(cache, "b2")).as("another group's load across the eviction").isTrue();
  }

  @Test
  void anEntryIsServedUntilItsExpiryOrTheBoundAndNotAtIt() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    Instant start = clock.instant();
    cache.get("own", this::load, value -> start.plusSeconds(10)).await();
    cache.get("bound", this::load, value -> null).await();
    clock.set(start.plusSeconds(10).minusMillis(1));
    assertThat(cache.get("own", this::load, value -> null).await()).isEqualTo("loaded 1");
    clock.set(start.plusSeconds(10));
    assertThat(cache.get("own", this::load, value -> null).await()).as("at its own expiry").isEqualTo("loaded 3");
    clock.set(start.plus(Duration.ofMinutes(1)).minusMillis(1));
    assertThat(cache.get("bound", this::load, value -> null).await()).isEqualTo("loaded 2");
    clock.set(start.plus(Duration.ofMinutes(1)));
    assertThat(cache.get("bound", this::load, value -> null).await()).as("at the cache's bound").isEqualTo("loaded 4");
  }

  @Test
  void aChangeCommittedBeforeSettledIsOutOfTheCacheOnceSettledCompletes() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    invalidations.on("settling", cache::evict);
    for (int i = 0; i < 20; i++) {
      String key = "k" + i;
      cache.get(key, this::load, value -> null).await();
      assertThat(kept(cache, key)).as("kept before the change").isTrue();
      // Committed on a pool connection, as a change made by this process is; no waiting for the listener but settled().
      pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(Invalidations.CHANNEL, "settling:" + key)).await();
      invalidations.settled().await();
      assertThat(kept(cache, key)).as("evicted once settled (round %d)", i).isFalse();
    }
  }

  @Test
  void nothingFoundIsNeverKept() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(cache.get("unknown", () -> {
        loads.incrementAndGet();
        return Future.succeededFuture(null);
      }, value -> null).await()).isNull();
    }
    assertThat(loads).as("asked each time").hasValue(3);
  }

  @Test
  void anUnreadableNotificationEmptiesEveryCacheAndSkipsNoOtherConsumer() {
    NotifiedCache<String, String> cache = cache(Duration.ofMinutes(1));
    invalidations.on("fragile", id -> {
      throw new IllegalArgumentException("not a UUID: " + id);
    });
    invalidations.on("fragile", heard::add);
    cache.get("k", this::load, value -> null).await();
    notifyAndWait("fragile:not-a-uuid");
    assertThat(heard).as("the consumer after the failing one").contains("not-a-uuid");
    assertThat(cache.get("k", this::load, value -> null).await()).as("emptied").isEqualTo("loaded 2");
    for (String payload : List.of("", "no colon", "user:")) {
      notifyAndWait(payload);
      int before = loads.get();
      assertThat(cache.get("k", this::load, value -> null).await()).as("emptied by '%s'", payload).isEqualTo("loaded " + (before + 1));
    }
  }

  /** Whether {@code key} is answered without a load. */
  private boolean kept(NotifiedCache<String, String> cache, String key) {
    int before = loads.get();
    cache.get(key, this::load, value -> null).await();
    return loads.get() == before;
  }

  private NotifiedCache<String, String> cache(Duration ttl) {
    return new NotifiedCache<>(invalidations, 100, ttl, clock);
  }

  private Future<String> load() {
    return Future.succeededFuture("loaded " + loads.incrementAndGet());
  }

  /** Notifies {@code payload}, then a marker, and waits for the marker: the listener has handled {@code payload}. */
  private static void notifyAndWait(String payload) {
    await("listening", invalidations::live);
    String marker = "marker-" + System.nanoTime();
    pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(Invalidations.CHANNEL, payload))
        .compose(v -> tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(Invalidations.CHANNEL, "heard:" + marker)))).await();
    await("the notification handled", () -> heard.contains(marker));
  }

  private static List<Integer> listeners() {
    return pool.query(LISTENERS).execute().await().stream().map((Row row) -> row.getInteger("pid")).toList();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
