package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

/** Port: the workspace audit log, newest first. */
interface AuditLog {

  Future<Void> record(SqlClient db, AuditEntry entry);

  /** Entries older than {@code beforeSeq} (null: the newest), newest first. */
  Future<List<AuditTrail.Positioned>> page(SqlClient db, UUID workspaceId, Long beforeSeq, int limit);
}
