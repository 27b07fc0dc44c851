package io.atrium.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counters of the money flow, in Micrometer's global registry (each process adds its Prometheus registry to it, so
 * {@code GET /metrics} shows them): {@code atrium_top_ups_total{outcome}} and
 * {@code atrium_reconciler_actions_total{reconciler,action}}.
 */
public final class BillingMetrics {

  static {
    // The global registry counts nothing until a registry is added: this one keeps counts in every process (the worker, tests),
    // whether or not it also exports to Prometheus.
    Metrics.addRegistry(new SimpleMeterRegistry());
  }

  private BillingMetrics() {}

  /** A top-up reached its end in a committed ledger batch: {@code outcome} is "succeeded" or "failed". */
  public static void topUpEnded(String outcome) {
    Counter.builder("atrium.top.ups").description("Top-ups that ended, by outcome").tag("outcome", outcome)
        .register(Metrics.globalRegistry).increment();
  }

  /** One thing a reconciler did, e.g. ("top_ups", "requeued"). */
  public static void reconcilerAction(String reconciler, String action, long count) {
    if (count > 0) {
      Counter.builder("atrium.reconciler.actions").description("What the reconcilers corrected")
          .tag("reconciler", reconciler).tag("action", action).register(Metrics.globalRegistry).increment(count);
    }
  }

  /** A counter's value in this process, for tests and logs. */
  public static double count(String name, String... tags) {
    Counter counter = Metrics.globalRegistry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
