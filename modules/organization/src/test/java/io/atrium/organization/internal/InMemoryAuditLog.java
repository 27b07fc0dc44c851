package io.atrium.organization.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.atrium.platform.testing.InMemoryAuditTrail;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** {@link AuditLog} in memory, for rule tests. */
final class InMemoryAuditLog implements AuditLog {

  final InMemoryAuditTrail trail = new InMemoryAuditTrail();

  @Override
  public Future<Void> append(AuditEntry entry) {
    trail.append(entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<AuditTrail.Positioned>> page(UUID organizationId, Long before, int limit) {
    return Future.succeededFuture(trail.page(organizationId, before, limit));
  }

  List<String> actions() {
    return trail.actions();
  }
}
