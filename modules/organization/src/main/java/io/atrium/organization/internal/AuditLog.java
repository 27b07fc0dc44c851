package io.atrium.organization.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Port: the organization's audit log, written in the transaction of the change it records. */
interface AuditLog {

  Future<Void> append(AuditEntry entry);

  /** Newest first, before the given position (null: from the newest); at most {@code limit}. */
  Future<List<AuditTrail.Positioned>> page(UUID organizationId, Long before, int limit);
}
