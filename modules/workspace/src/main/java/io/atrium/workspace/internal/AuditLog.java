package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

/** Port: the workspace audit log, newest first. */
interface AuditLog {

  /** An entry with its place in the log, which keys the pages. */
  record Numbered(long seq, AuditEntry entry) {}

  Future<Void> record(SqlClient db, AuditEntry entry);

  /** Entries older than {@code beforeSeq} (null: the newest), newest first. */
  Future<List<Numbered>> page(SqlClient db, UUID workspaceId, Long beforeSeq, int limit);
}
