package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: invoice runs (written here) and invoices (written by the worker, read here). */
interface Invoices {

  /** The invoice accounts that had a workspace on them at some moment of [from, to). */
  Future<List<UUID>> accountsInvoicedIn(SqlClient db, Instant from, Instant to);

  Future<Void> recordRun(SqlClient db, UUID runId, String period, String requestedBy, Instant at, int jobs);

  Future<Optional<Invoice>> byId(SqlClient db, UUID invoiceId);

  /** Invoices with lines of the workspace, newest number first, numbered below {@code beforeNumber} (null: from the newest). */
  Future<List<Invoice>> withWorkspace(SqlClient db, UUID workspaceId, String beforeNumber, int limit);
}
