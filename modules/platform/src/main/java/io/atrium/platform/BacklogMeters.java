package io.atrium.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples what waits in PostgreSQL every {@code metrics.sampleMillis} and exports it: outbox rows pending and the
 * age of the oldest, dead letters, parked outbox rows. The last sample stays while the database is away.
 */
public final class BacklogMeters extends VerticleBase {

  private static final String SAMPLE = """
      SELECT (SELECT count(*) FROM platform.outbox) AS pending,
             (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM platform.outbox)::float8 AS oldest,
             (SELECT count(*) FROM platform.dead_letters) AS dead_letters,
             (SELECT count(*) FROM platform.outbox_parked) AS parked""";

  private static final AtomicLong PENDING = new AtomicLong();
  private static final AtomicLong OLDEST_MILLIS = new AtomicLong();
  private static final AtomicLong DEAD_LETTERS = new AtomicLong();
  private static final AtomicLong PARKED = new AtomicLong();

  private final Pool pool;
  private final long sampleMillis;

  public BacklogMeters(Pool pool, AtriumConfig config) {
    this.pool = pool;
    this.sampleMillis = config.integer("metrics.sampleMillis");
  }

  @Override
  public Future<?> start() {
    MeterRegistry registry = Meters.registry();
    // Strong references: the gauges read these process-wide values for as long as the registry lives.
    Gauge.builder("atrium.outbox.pending", PENDING, AtomicLong::get).description("Outbox rows waiting to be published")
        .strongReference(true).register(registry);
    Gauge.builder("atrium.outbox.oldest.age.seconds", OLDEST_MILLIS, v -> v.get() / 1000.0)
        .description("Age of the oldest outbox row waiting").strongReference(true).register(registry);
    Gauge.builder("atrium.dead.letters", DEAD_LETTERS, AtomicLong::get).description("Billing jobs kept as dead letters")
        .strongReference(true).register(registry);
    Gauge.builder("atrium.outbox.parked", PARKED, AtomicLong::get).description("Outbox rows parked after failing too often")
        .strongReference(true).register(registry);
    sample();
    vertx.setPeriodic(sampleMillis, id -> sample());
    return Future.succeededFuture();
  }

  private void sample() {
    pool.query(SAMPLE).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      PENDING.set(row.getLong("pending"));
      OLDEST_MILLIS.set(Math.round(row.getDouble("oldest") * 1000));
      DEAD_LETTERS.set(row.getLong("dead_letters"));
      PARKED.set(row.getLong("parked"));
    });
  }
}
