package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

final class SqlAuditLog implements AuditLog {

  private static final AuditTrail TRAIL = new AuditTrail("workspace.audit_log", "workspace_id");

  @Override
  public Future<Void> record(SqlClient db, AuditEntry entry) {
    return TRAIL.append(db, entry);
  }

  @Override
  public Future<List<AuditTrail.Positioned>> page(SqlClient db, UUID workspaceId, Long beforeSeq, int limit) {
    return TRAIL.page(db, workspaceId, beforeSeq, limit);
  }
}
