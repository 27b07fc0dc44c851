package io.atrium.organization.internal;

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

  private static final String APPEND = """
      INSERT INTO organization.audit_log
        (id, organization_id, occurred_at, actor_id, action, subject_user_id, subject_email, details, request_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String PAGE = """
      SELECT seq, id, organization_id, occurred_at, actor_id, action, subject_user_id, subject_email, details, request_id
        FROM organization.audit_log
       WHERE organization_id = $1 AND ($2::bigint IS NULL OR seq < $2)
       ORDER BY seq DESC
       LIMIT $3""";

  private final SqlClient client;

  SqlAuditLog(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> append(AuditEntry entry) {
    return client.preparedQuery(APPEND).execute(Tuple.from(new Object[] {
            entry.id(), entry.organizationId(), Times.toDb(entry.occurredAt()), entry.actorId(), entry.action(),
            entry.subjectUserId(), entry.subjectEmail(), entry.details(), entry.requestId()}))
        .mapEmpty();
  }

  @Override
  public Future<List<Positioned>> page(UUID organizationId, Long before, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(organizationId, before, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlAuditLog::positioned).toList());
  }

  private static Positioned positioned(Row row) {
    AuditEntry entry = new AuditEntry(row.getUUID("id"), row.getUUID("organization_id"), Times.fromDb(row, "occurred_at"),
        row.getUUID("actor_id"), row.getString("action"), row.getUUID("subject_user_id"), row.getString("subject_email"),
        (JsonObject) row.getValue("details"), row.getString("request_id"));
    return new Positioned(row.getLong("seq"), entry);
  }
}
