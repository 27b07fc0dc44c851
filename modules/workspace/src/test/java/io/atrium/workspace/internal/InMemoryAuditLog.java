package io.atrium.workspace.internal;

import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** {@link AuditLog} in memory, for rule tests. */
final class InMemoryAuditLog implements AuditLog {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public Future<Void> record(SqlClient db, AuditEntry entry) {
    entries.add(entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Numbered>> page(SqlClient db, UUID workspaceId, Long beforeSeq, int limit) {
    List<Numbered> numbered = new ArrayList<>();
    for (int seq = 0; seq < entries.size(); seq++) {
      if (entries.get(seq).workspaceId().equals(workspaceId) && (beforeSeq == null || seq < beforeSeq)) {
        numbered.add(new Numbered(seq, entries.get(seq)));
      }
    }
    return Future.succeededFuture(numbered.stream().sorted(Comparator.comparingLong(Numbered::seq).reversed()).limit(limit).toList());
  }

  /** The actions recorded, oldest first. */
  List<String> actions() {
    return entries.stream().map(AuditEntry::action).toList();
  }

  /** The log as it is now; running the result puts it back. */
  Runnable savepoint() {
    return Savepoints.of(entries);
  }
}
