package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.UUID;

final class SqlAuditLog implements AuditLog {

  private static final AuditTrail TRAIL = new AuditTrail("workspace.audit_log", "workspace_id");

  private final SqlClient client;

  SqlAuditLog(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> record(AuditEntry entry) {
    return TRAIL.append(client, entry);
  }

  @Override
  public Future<List<AuditTrail.Positioned>> page(UUID workspaceId, Long beforeSeq, int limit) {
    return TRAIL.page(client, workspaceId, beforeSeq, limit);
  }
}
