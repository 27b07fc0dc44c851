package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlAuditLog implements AuditLog {

  private static final String INSERT = """
      INSERT INTO workspace.audit_log (id, workspace_id, occurred_at, actor_id, action, subject_user_id, subject_email, details, request_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String PAGE = """
      SELECT seq, id, workspace_id, occurred_at, actor_id, action, subject_user_id, subject_email, details, request_id
        FROM workspace.audit_log
       WHERE workspace_id = $1 AND ($2::bigint IS NULL OR seq < $2)
       ORDER BY seq DESC LIMIT $3""";

  @Override
  public Future<Void> record(SqlClient db, AuditEntry e) {
    Tuple args = Tuple.of(e.id(), e.workspaceId(), Times.toDb(e.occurredAt()), e.actorId(), e.action(), e.subjectUserId(),
        e.subjectEmail()).addValue(e.details()).addString(e.requestId());
    return db.preparedQuery(INSERT).execute(args).mapEmpty();
  }

  @Override
  public Future<List<Numbered>> page(SqlClient db, UUID workspaceId, Long beforeSeq, int limit) {
    return db.preparedQuery(PAGE).execute(Tuple.of(workspaceId, beforeSeq, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlAuditLog::numbered).toList());
  }

  private static Numbered numbered(Row row) {
    Object details = row.getValue("details");
    AuditEntry entry = new AuditEntry(row.getUUID("id"), row.getUUID("workspace_id"), Times.fromDb(row, "occurred_at"),
        row.getUUID("actor_id"), row.getString("action"), row.getUUID("subject_user_id"), row.getString("subject_email"),
        details instanceof JsonObject json ? json : new JsonObject(), row.getString("request_id"));
    return new Numbered(row.getLong("seq"), entry);
  }
}
