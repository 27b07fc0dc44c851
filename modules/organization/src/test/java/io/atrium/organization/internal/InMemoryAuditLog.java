package io.atrium.organization.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** {@link AuditLog} in memory, for rule tests. */
final class InMemoryAuditLog implements AuditLog {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public Future<Void> append(AuditEntry entry) {
    entries.add(entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Positioned>> page(UUID organizationId, Long before, int limit) {
    List<Positioned> page = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).organizationId().equals(organizationId) && (before == null || i < before)) {
        page.add(new Positioned(i, entries.get(i)));
      }
    }
    return Future.succeededFuture(page.stream().sorted(Comparator.comparingLong(Positioned::position).reversed()).limit(limit).toList());
  }

  /** The actions logged, oldest first. */
  List<String> actions() {
    return entries.stream().map(AuditEntry::action).toList();
  }

  /** The log as it is now; running the result puts it back. */
  Runnable savepoint() {
    return Savepoints.of(entries);
  }
}
