package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: invoice accounts. */
interface InvoiceAccounts {

  Future<Void> insert(SqlClient db, InvoiceAccount account);

  Future<Optional<InvoiceAccount>> byId(SqlClient db, UUID id);

  /** The organization's accounts by (createdAt, id), after the given ones (null: from the start). */
  Future<List<InvoiceAccount>> ofOrganization(SqlClient db, UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit);
}
