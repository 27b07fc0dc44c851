package io.atrium.platform.testing;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** An {@link AuditTrail} in memory, for the audit log fakes of rule tests: entries numbered in the order appended. */
public final class InMemoryAuditTrail {

  private final List<AuditEntry> entries = new ArrayList<>();

  public void append(AuditEntry entry) {
    entries.add(entry);
  }

  /** The scope's entries newest first, before {@code before} (null: from the newest); at most {@code limit}. */
  public List<AuditTrail.Positioned> page(UUID scopeId, Long before, int limit) {
    List<AuditTrail.Positioned> page = new ArrayList<>();
    for (int seq = 0; seq < entries.size(); seq++) {
      if (entries.get(seq).scopeId().equals(scopeId) && (before == null || seq < before)) {
        page.add(new AuditTrail.Positioned(seq, entries.get(seq)));
      }
    }
    return page.stream().sorted(Comparator.comparingLong(AuditTrail.Positioned::seq).reversed()).limit(limit).toList();
  }

  /** The actions appended, oldest first. */
  public List<String> actions() {
    return entries.stream().map(AuditEntry::action).toList();
  }

  /** The trail as it is now; running the result puts it back. */
  public Runnable savepoint() {
    return Savepoints.of(entries);
  }
}
