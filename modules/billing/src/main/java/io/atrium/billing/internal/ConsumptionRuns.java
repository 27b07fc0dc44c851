package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;

/** Port: the record of consumption runs, one row per hour (the latest run of it). */
interface ConsumptionRuns {

  Future<Void> record(Instant hour, String requestedBy, Instant at, int jobs);
}
