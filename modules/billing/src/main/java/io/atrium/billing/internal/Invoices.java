package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: invoice runs (written here) and invoices (written by the worker, read here). */
interface Invoices {

  /** Whether a month has a recorded invoice run, and whether the consumption run of its due hour's previous hour was queued. */
  record PeriodRun(boolean ran, boolean hourQueued) {}

  /** The invoice accounts that had a workspace on them at some moment of [from, to). */
  Future<List<UUID>> accountsInvoicedIn(Instant from, Instant to);

  Future<Void> recordRun(UUID runId, String period, String requestedBy, Instant at, int jobs);

  Future<Optional<Invoice>> byId(UUID invoiceId);

  /** Invoices with lines of the workspace, newest number first, numbered below {@code beforeNumber} (null: from the newest). */
  Future<List<Invoice>> withWorkspace(UUID workspaceId, String beforeNumber, int limit);

  Future<PeriodRun> periodRun(String period, Instant lastHour);
}
