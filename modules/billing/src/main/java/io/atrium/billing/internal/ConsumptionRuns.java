package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;

/** Port: the record of consumption runs, one row per hour (the latest run of it). */
interface ConsumptionRuns {

  Future<Void> record(SqlClient db, Instant hour, String requestedBy, Instant at, int jobs);
}
