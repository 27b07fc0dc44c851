package io.atrium.identity.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BoundedWorkerPool;
import io.vertx.core.Future;

/**
 * Password hashing off the event loop, on its own bounded pool: Argon2 is CPU-bound and anyone can ask for it
 * (sign-in needs no account), so a storm is refused with {@code 503} instead of taking the event loops' cores, and
 * each refusal takes a second, so that refusals answered at once do not become a flood of their own.
 */
final class Passwords {

  /** The stored "hash" of a user without a password (made by single sign-on): nothing verifies against it. */
  static final String UNUSABLE = "!unusable";
  /** What one hash costs on one thread (50-100 ms), and the longest a queued request should wait for its turn. */
  private static final int HASH_MILLIS = 100;
  private static final int MAX_WAIT_MILLIS = 2000;
  /** A refused client waits this long for its 503: one that retries at once then tries once a second, not thousands. */
  private static final int REFUSAL_DELAY_MILLIS = 1000;

  private final PasswordHasher hasher;
  private final BoundedWorkerPool pool;
  /** A hash nobody's password matches: verifying an unknown email against it costs what a real check costs. */
  private final String dummyHash;

  Passwords(BoundedWorkerPool pool) {
    this.pool = pool;
    this.hasher = new PasswordHasher(pool.threads());
    this.dummyHash = hasher.unmatchable();
  }

  /**
   * The process's pool: {@code passwords.hashThreads} threads (0: one per core but one, at least one), and a queue
   * that holds {@link #MAX_WAIT_MILLIS} of work; past it, {@code 503} with {@code Retry-After} of that wait. The threads
   * hash at {@code passwords.hashPriority}: {@code idle} (the default) yields a core to an event loop the moment it
   * wakes, so that a storm of sign-ins barely delays the API's other requests; {@code normal} shares the cores.
   */
  static BoundedWorkerPool pool(AtriumConfig config) {
    int configured = config.integer("passwords.hashThreads");
    int threads = configured > 0 ? configured : BoundedWorkerPool.defaultThreads();
    return new BoundedWorkerPool("atrium-password-hash", threads, threads * MAX_WAIT_MILLIS / HASH_MILLIS,
        "Too many password checks at once; try again in a moment", MAX_WAIT_MILLIS / 1000, REFUSAL_DELAY_MILLIS,
        config.choice("passwords.hashPriority", BoundedWorkerPool.CpuPriority.class));
  }

  /** Fails with the pool's {@code 503} while its queue is full; see {@link BoundedWorkerPool#room()}. */
  Future<Void> room() {
    return pool.room();
  }

  Future<String> hash(String password) {
    return pool.submit(() -> hasher.hash(password));
  }

  Future<Boolean> verify(String phc, String password) {
    if (UNUSABLE.equals(phc)) {
      return verifyNobody(password);
    }
    return pool.submit(() -> hasher.verify(phc, password));
  }

  /** Spends one verification so that an unknown email takes as long as a wrong password; always false. */
  Future<Boolean> verifyNobody(String password) {
    return verify(dummyHash, password).map(matched -> false);
  }
}
