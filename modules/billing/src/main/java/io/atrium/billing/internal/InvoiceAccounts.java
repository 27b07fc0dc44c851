package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: invoice accounts. */
interface InvoiceAccounts {

  Future<Void> insert(InvoiceAccount account);

  Future<Optional<InvoiceAccount>> byId(UUID id);

  /** The organization's accounts by (createdAt, id), after the given ones (null: from the start). */
  Future<List<InvoiceAccount>> ofOrganization(UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit);
}
