package io.atrium.platform;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Proves the {@code LISTEN} connection still hears: every {@link #INTERVAL} it notifies {@code ping:<nonce>:<seq>}
 * through the process's pool, and when that echo has not come back on the listener {@link #LATE_BEATS} beats after
 * its commit, calls {@code silent} (a connection can die without ever closing: half-open TCP, a NAT timeout, a pooler).
 * A ping that fails to commit is not waited for: while the database is away nobody can revoke anything either.
 */
final class ListenHeartbeat {

  static final String TOPIC = "ping";
  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final int LATE_BEATS = 2;
  private static final String PING = "SELECT pg_notify($1, $2)";

  private final Pool pool;
  private final Consumer<Pool> silent;
  /** Tells this process's pings from the other processes' (every listener hears them all). */
  private final String nonce = UUID.randomUUID().toString();
  private final AtomicLong echoed = new AtomicLong();
  private volatile Pool current;
  private volatile long sent;
  private volatile long awaited;
  private volatile int late;
  /** A ping still waiting for a connection of a busy pool: no second one is queued behind it. */
  private volatile boolean pinging;

  ListenHeartbeat(Pool pool, Consumer<Pool> silent) {
    this.pool = pool;
    this.silent = silent;
  }

  /** {@code listener} has just started listening: nothing is awaited on it yet. */
  void restart(Pool listener) {
    current = listener;
    awaited = 0;
    late = 0;
  }

  /** One beat; {@code listener}: the connection listening now (null while none does). */
  void beat(Pool listener) {
    if (listener == null || listener != current) {
      return;
    }
    if (awaited > echoed.get()) {
      if (++late >= LATE_BEATS) {
        current = null;
        silent.accept(listener);
      }
      return;
    }
    late = 0;
    if (pinging) {
      return;
    }
    pinging = true;
    long seq = ++sent;
    pool.preparedQuery(PING).execute(Tuple.of(Invalidations.CHANNEL, TOPIC + ":" + nonce + ":" + seq)).onComplete(done -> {
      pinging = false;
      if (done.succeeded() && listener == current && seq > awaited) {
        awaited = seq;
      }
    });
  }

  /** A {@code ping:<id>} notification arrived. */
  void echoed(String id) {
    if (id.startsWith(nonce + ":")) {
      try {
        echoed.accumulateAndGet(Long.parseLong(id.substring(nonce.length() + 1)), Math::max);
      } catch (NumberFormatException e) {
        // Not one of ours after all.
      }
    }
  }
}
