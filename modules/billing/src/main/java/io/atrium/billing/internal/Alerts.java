package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.UUID;

/** Port: the workspaces' spend alerts (billing.alert_thresholds and the account's runway_days); the worker fires them. */
interface Alerts {

  /** The alerts of an open account; none set is no thresholds and no runway warning. */
  Future<AlertSettings> of(UUID workspaceId);

  /** Replaces them all; call in a transaction (the account row's lock orders concurrent replacements). */
  Future<AlertSettings> replace(UUID workspaceId, AlertSettings alerts, Instant at);
}
