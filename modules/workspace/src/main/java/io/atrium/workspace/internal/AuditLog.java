package io.atrium.workspace.internal;

import io.atrium.platform.AuditEntry;
import io.atrium.platform.AuditTrail;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Port: the workspace audit log, newest first. */
interface AuditLog {

  Future<Void> record(AuditEntry entry);

  /** Entries older than {@code beforeSeq} (null: the newest), newest first. */
  Future<List<AuditTrail.Positioned>> page(UUID workspaceId, Long beforeSeq, int limit);
}
