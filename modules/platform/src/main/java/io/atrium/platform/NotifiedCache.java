package io.atrium.platform;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A per-process cache shared by every event loop, kept true by {@link Invalidations}: bounded in size, each entry
 * kept until its own expiry and at most {@code ttl}, and bypassed (empty) while the {@code LISTEN} connection is down.
 * Failures are never kept, nor a load's {@code null} (nothing found), so made-up keys cannot fill it. A load that raced an eviction is answered but not kept, so it cannot bring back what a
 * notification just took out.
 */
public final class NotifiedCache<K, V> {

  private record Entry<V>(V value, Instant expiresAt) {}

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Invalidations invalidations;
  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  /** Bumped (under this cache's lock) by every eviction; a load keeps its value only when none happened meanwhile. */
  private final AtomicLong evictions = new AtomicLong();

  public NotifiedCache(Invalidations invalidations, int maxEntries, Duration ttl, Clock clock) {
    this.invalidations = invalidations;
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
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
    long seen = evictions.get();
    return load.get().onSuccess(value -> {
      if (value == null) {
        return;
      }
      Instant own = expiresAt.apply(value);
      Instant until = own == null || own.isAfter(now.plus(ttl)) ? now.plus(ttl) : own;
      keep(key, new Entry<>(value, until), seen);
    });
  }

  public synchronized void evict(K key) {
    evictions.incrementAndGet();
    entries.remove(key);
  }

  /** Drops every entry whose value matches. */
  public synchronized void evictIf(Predicate<V> stale) {
    evictions.incrementAndGet();
    entries.values().removeIf(entry -> stale.test(entry.value()));
  }

  public synchronized void clear() {
    evictions.incrementAndGet();
    entries.clear();
  }

  private synchronized void keep(K key, Entry<V> entry, long seen) {
    if (evictions.get() != seen || !invalidations.live()) {
      return;
    }
    if (entries.size() >= maxEntries) {
      Instant now = clock.instant();
      entries.values().removeIf(old -> !old.expiresAt().isAfter(now));
      // Still full: drop an arbitrary tenth rather than track use; a dropped entry only costs one query.
      Iterator<K> keys = entries.keySet().iterator();
      while (entries.size() >= maxEntries - maxEntries / 10 && keys.hasNext()) {
        keys.next();
        keys.remove();
      }
    }
    entries.put(key, entry);
  }
}
