package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Outbox;
import io.atrium.platform.ScheduleLock;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the ledger must do when time passes without a job: at start and every {@code interval}, a {@code REEVALUATE} job for
 * each workspace with a grant lot to announce ({@code credit_grant.expiring}, 7 days ahead) or take back (expired), and each
 * suspended workspace whose month counters are of an earlier month (a budget suspension ends with its month). The ledger
 * applies them like any job, under its ledgers row lock and in its partition's order. One worker of many sweeps: the holder
 * of its {@link ScheduleLock}. A sweep goes through the due workspaces in pages by workspace id, so none waits behind others.
 */
public final class LedgerSweep extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(LedgerSweep.class);
  /** The lock's name among PostgreSQL advisory locks: any fixed number, the same in every process. */
  private static final long LOCK_KEY = 0x41747269756d_4CL;
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  private static final UUID FIRST = new UUID(0, 0);
  static final int PAGE = 1000;
  private static final String DUE = """
      SELECT workspace_id, currency FROM (
        SELECT g.workspace_id, g.currency FROM billing.ledgers g
         WHERE EXISTS (SELECT 1 FROM billing.credit_lots l WHERE l.workspace_id = g.workspace_id AND l.kind = 'grant' AND l.remaining > 0
                          AND l.expires_at IS NOT NULL AND l.expires_at <= $1 AND (l.expiry_noticed_at IS NULL OR l.expires_at <= $2))
        UNION
        SELECT workspace_id, currency FROM billing.ledgers WHERE status = 'suspended' AND spend_month < $3) due
       WHERE workspace_id > $4 ORDER BY workspace_id LIMIT $5""";

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;
  private final int partitions;
  private final Duration interval;
  private ScheduleLock lock;
  private boolean running;

  public LedgerSweep(Pool pool, AtriumConfig config, Clock clock, Duration interval) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.partitions = config.integer("billing.partitions");
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    lock = new ScheduleLock(vertx, config, LOCK_KEY, "ledger sweep");
    lock.start(Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()), this::turn);
    vertx.setPeriodic(interval.toMillis(), timer -> turn());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return lock.stop();
  }

  public boolean holdsLock() {
    return lock != null && lock.held();
  }

  /** A sweep, unless one is still running or another process holds the lock. */
  private void turn() {
    if (!lock.held() || running) {
      return;
    }
    running = true;
    sweep().onFailure(e -> log.warn("ledger sweep failed, next in {}: {}", interval, e.toString())).onComplete(done -> running = false);
  }

  /** Queues the jobs, a transaction per page of due workspaces; answers the workspaces. */
  public Future<List<UUID>> sweep() {
    Instant now = Times.now(clock);
    List<UUID> workspaces = new ArrayList<>();
    return page(now, FIRST, workspaces).map(workspaces);
  }

  private Future<Void> page(Instant now, UUID after, List<UUID> workspaces) {
    Tuple args = Tuple.of(Times.toDb(now.plus(Duration.ofDays(7))), Times.toDb(now), MONTH.format(now), after, PAGE);
    return pool.withTransaction(tx -> tx.preparedQuery(DUE).execute(args).compose(rows -> {
      List<Future<Void>> queued = new ArrayList<>();
      List<UUID> page = new ArrayList<>();
      for (Row row : rows) {
        page.add(row.getUUID("workspace_id"));
        queued.add(Outbox.append(tx, BillingJobs.reevaluate(row.getUUID("workspace_id"), row.getString("currency").trim(), partitions)));
      }
      return Future.all(queued).map(page);
    })).compose(page -> {
      workspaces.addAll(page);
      return page.size() < PAGE ? Future.succeededFuture() : page(now, page.get(page.size() - 1), workspaces);
    });
  }
}
