package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/** Port: the record of consumption runs, one row per hour (the latest run of it). */
interface ConsumptionRuns {

  Future<Void> record(Instant hour, String requestedBy, Instant at, int jobs);

  /** The hours from {@code first} to {@code last} (both included) that have no recorded run, oldest first. */
  Future<List<Instant>> unrun(Instant first, Instant last);
}
