package io.atrium.organization.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Dns;
import io.atrium.platform.ScheduleLock;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;

/**
 * The daily re-verification of verified domains, in one process of many (the holder of its {@link ScheduleLock}):
 * every {@code domains.recheck.pollMillis} it re-checks, by the injected clock, the domains last checked more than
 * {@code domains.recheck.intervalHours} ago.
 */
public final class DomainRecheck {

  /** The lock's name among PostgreSQL advisory locks: any fixed number, the same in every process. */
  private static final long LOCK_KEY = 0x41747269756d_44L;

  private final Vertx vertx;
  private final ScheduleLock lock;
  private final VerifyDomain verify;
  private final Duration interval;
  private final long pollMillis;
  private final long retryMillis;
  private final int batch;
  private long timer = -1;
  private boolean running;

  DomainRecheck(Vertx vertx, UnitOfWork<OrganizationTables> storage, AtriumConfig config, Clock clock) {
    this.vertx = vertx;
    this.lock = new ScheduleLock(vertx, config, LOCK_KEY, "daily domain re-verification");
    this.verify = new VerifyDomain(storage, new DnsChallenge(Dns.fromConfig(vertx, config)),
        new DomainNames(config.list("domains.publicMailDomains")), clock);
    this.interval = Duration.ofHours(config.integer("domains.recheck.intervalHours"));
    this.pollMillis = config.integer("domains.recheck.pollMillis");
    this.retryMillis = config.integer("domains.recheck.retryMillis");
    this.batch = config.integer("domains.recheck.batch");
  }

  public boolean holdsLock() {
    return lock.held();
  }

  public void start() {
    lock.start(retryMillis, this::turn);
    timer = vertx.setPeriodic(pollMillis, id -> turn());
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return lock.stop();
  }

  /** One pass, unless another is still running or another process holds the lock. */
  private void turn() {
    if (!lock.held() || running) {
      return;
    }
    running = true;
    verify.recheckDue(interval, batch).onComplete(done -> running = false);
  }
}
