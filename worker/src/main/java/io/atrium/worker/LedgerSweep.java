package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Outbox;
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
 * applies them like any job, under its ledgers row lock and in its partition's order; a second worker's sweep only repeats
 * a harmless evaluation.
 */
public final class LedgerSweep extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(LedgerSweep.class);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  private static final String DUE = """
      SELECT g.workspace_id, g.currency FROM billing.ledgers g
       WHERE EXISTS (SELECT 1 FROM billing.credit_lots l WHERE l.workspace_id = g.workspace_id AND l.kind = 'grant' AND l.remaining > 0
                        AND l.expires_at IS NOT NULL AND l.expires_at <= $1 AND (l.expiry_noticed_at IS NULL OR l.expires_at <= $2))
      UNION
      SELECT workspace_id, currency FROM billing.ledgers WHERE status = 'suspended' AND spend_month < $3
      LIMIT 1000""";

  private final Pool pool;
  private final Clock clock;
  private final int partitions;
  private final Duration interval;

  public LedgerSweep(Pool pool, Clock clock, int partitions, Duration interval) {
    this.pool = pool;
    this.clock = clock;
    this.partitions = partitions;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    sweep().onFailure(e -> log.warn("ledger sweep failed, next in {}: {}", interval, e.toString()));
    vertx.setPeriodic(interval.toMillis(), timer -> sweep().onFailure(e -> log.warn("ledger sweep failed: {}", e.toString())));
    return Future.succeededFuture();
  }

  /** Queues the jobs in one transaction; answers the workspaces. */
  public Future<List<UUID>> sweep() {
    Instant now = Times.now(clock);
    Tuple args = Tuple.of(Times.toDb(now.plus(Duration.ofDays(7))), Times.toDb(now), MONTH.format(now));
    return pool.withTransaction(tx -> tx.preparedQuery(DUE).execute(args).compose(rows -> {
      List<Future<Void>> queued = new ArrayList<>();
      List<UUID> workspaces = new ArrayList<>();
      for (Row row : rows) {
        workspaces.add(row.getUUID("workspace_id"));
        queued.add(Outbox.append(tx, BillingJobs.reevaluate(row.getUUID("workspace_id"), row.getString("currency").trim(), partitions)));
      }
      return Future.all(queued).map(workspaces);
    }));
  }
}
