package io.atrium.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.micrometer.backends.BackendRegistries;

/** The registry {@code /metrics} serves: Vert.x's Prometheus one when the process enabled it, else Micrometer's global one. */
public final class Meters {

  private Meters() {}

  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : Metrics.globalRegistry;
  }
}
