package io.atrium.worker.internal;

import io.atrium.platform.Meters;
import io.atrium.worker.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

/** The worker's Prometheus metrics: jobs applied per type, batch apply time, transient failures retried. */
public final class WorkerMeters {

  private final MeterRegistry registry = Meters.registry();
  private final Timer batches = Timer.builder("atrium.batch.apply")
      .description("Time to apply one batch of billing jobs, commit included")
      .publishPercentileHistogram().register(registry);
  private final Counter transientFailures = Counter.builder("atrium.worker.transient.failures")
      .description("Batches retried because the database or broker was unavailable").register(registry);

  void applied(List<Job> jobs, long nanos) {
    batches.record(nanos, TimeUnit.NANOSECONDS);
    Map<String, Long> byType = jobs.stream().collect(Collectors.groupingBy(Job::type, Collectors.counting()));
    byType.forEach((type, count) -> Counter.builder("atrium.jobs.applied").description("Billing jobs applied (committed), by type")
        .tag("type", type).register(registry).increment(count));
  }

  void transientFailure() {
    transientFailures.increment();
  }
}
