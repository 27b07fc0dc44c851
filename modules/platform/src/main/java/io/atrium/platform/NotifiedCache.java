package io.atrium.platform;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A per-process cache shared by every event loop, kept true by {@link Invalidations}: bounded in size, each entry
 * kept until its own expiry and at most {@code ttl}, and bypassed (empty) while the {@code LISTEN} connection is down.
 * Entries can be evicted by key or by group (say, every token of one user), each in time proportional to what it
 * takes out. Failures are never kept, nor a load's {@code null} (nothing found), so made-up keys cannot fill it. A
 * load that raced an eviction of its key, its value's group or the whole cache is answered but not kept, so it cannot
 * bring back what a notification just took out; loads that raced nothing are kept.
 */
public final class NotifiedCache<K, V> {

  private record Entry<V>(V value, Instant expiresAt, Object group) {}

  /** Evictions remembered for the loads in flight; past that many they are forgotten, and those loads not kept. */
  private static final int REMEMBERED = 10_000;

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Invalidations invalidations;
  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final Function<V, ?> groupOf;
  // Guarded by this cache's lock: the keys of each group, and when (epoch) each key and group was last evicted.
  private final Map<Object, Set<K>> groups = new HashMap<>();
  private final Map<K, Long> keysEvicted = new HashMap<>();
  private final Map<Object, Long> groupsEvicted = new HashMap<>();
  private final AtomicInteger loading = new AtomicInteger();
  /** Bumped by every eviction; a load keeps its value only when nothing it depends on was evicted since it began. */
  private volatile long epoch;
  private long forgottenAt;

  public NotifiedCache(Invalidations invalidations, int maxEntries, Duration ttl, Clock clock) {
    this(invalidations, maxEntries, ttl, clock, value -> null);
  }

  /** {@code groupOf}: the group of a value, for {@link #evictGroup} (null: none). */
  public NotifiedCache(Invalidations invalidations, int maxEntries, Duration ttl, Clock clock, Function<V, ?> groupOf) {
    this.invalidations = invalidations;
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
    this.groupOf = groupOf;
    invalidations.register(this);
  }

  /** The kept value of {@code key}, or {@code load}'s, kept until {@code expiresAt} of it (null: no expiry of its own). */
  public Future<V> get(K key, Supplier<Future<V>> load, Function<V, Instant> expiresAt) {
    if (!invalidations.live()) {
      return load.get();
    }
    Instant now = clock.instant();
    Entry<V> kept = entries.get(key);
    if (kept != null && kept.expiresAt().isAfter(now)) {
      return Future.succeededFuture(kept.value());
    }
    loading.incrementAndGet();
    long seen = epoch;
    return load.get().onComplete(done -> loading.decrementAndGet()).onSuccess(value -> {
      if (value != null) {
        Instant own = expiresAt.apply(value);
        keep(key, new Entry<>(value, own == null || own.isAfter(now.plus(ttl)) ? now.plus(ttl) : own, groupOf.apply(value)), seen);
      }
    });
  }

  public synchronized void evict(K key) {
    remember(keysEvicted, key);
    drop(key);
  }

  /** Drops every entry of {@code group}. */
  public synchronized void evictGroup(Object group) {
    remember(groupsEvicted, group);
    Set<K> keys = groups.remove(group);
    if (keys != null) {
      keys.forEach(entries::remove);
    }
  }

  public synchronized void clear() {
    forgottenAt = ++epoch;
    entries.clear();
    groups.clear();
    keysEvicted.clear();
    groupsEvicted.clear();
  }

  private <T> void remember(Map<T, Long> evicted, T what) {
    // Only loads in flight ask what was evicted; with none, nothing remembered is needed.
    if (loading.get() == 0 || keysEvicted.size() + groupsEvicted.size() >= REMEMBERED) {
      forgottenAt = epoch;
      keysEvicted.clear();
      groupsEvicted.clear();
    }
    evicted.put(what, ++epoch);
  }

  private synchronized void keep(K key, Entry<V> entry, long seen) {
    if (forgottenAt > seen || keysEvicted.getOrDefault(key, 0L) > seen
        || (entry.group() != null && groupsEvicted.getOrDefault(entry.group(), 0L) > seen) || !invalidations.live()) {
      return;
    }
    if (entries.size() >= maxEntries) {
      Instant now = clock.instant();
      new HashSet<>(entries.keySet()).stream().filter(old -> !entries.get(old).expiresAt().isAfter(now)).forEach(this::drop);
      // Still full: drop an arbitrary tenth rather than track use; a dropped entry only costs one query.
      Iterator<K> keys = new HashSet<>(entries.keySet()).iterator();
      while (entries.size() >= maxEntries - maxEntries / 10 && keys.hasNext()) {
        drop(keys.next());
      }
    }
    drop(key);
    entries.put(key, entry);
    if (entry.group() != null) {
      groups.computeIfAbsent(entry.group(), g -> new HashSet<>()).add(key);
    }
  }

  private void drop(K key) {
    Entry<V> old = entries.remove(key);
    if (old != null && old.group() != null) {
      Set<K> keys = groups.get(old.group());
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        groups.remove(old.group());
      }
    }
  }
}
