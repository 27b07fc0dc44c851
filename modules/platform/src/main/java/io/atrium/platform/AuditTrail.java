package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * A context's audit log table, the same shape in each schema that has one: entries are appended in the transaction of
 * the change they record (through the caller's client) and read newest first, keyed by their {@code seq}.
 */
public final class AuditTrail {

  /** An entry with its place in the log, which keys the pages. */
  public record Positioned(long seq, AuditEntry entry) {}

  private final String scopeColumn;
  private final String insert;
  private final String page;

  /** {@code table}: the log, as {@code workspace.audit_log}; {@code scopeColumn}: its column of the scope's id. */
  public AuditTrail(String table, String scopeColumn) {
    this.scopeColumn = scopeColumn;
    String columns = scopeColumn + ", occurred_at, actor_id, action, subject_user_id, subject_email, details, request_id";
    this.insert = "INSERT INTO " + table + " (id, " + columns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    this.page = "SELECT seq, id, " + columns + " FROM " + table
        + " WHERE " + scopeColumn + " = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3";
  }

  public Future<Void> append(SqlClient client, AuditEntry e) {
    Tuple args = Tuple.of(e.id(), e.scopeId(), Times.toDb(e.occurredAt()), e.actorId(), e.action(), e.subjectUserId(),
        e.subjectEmail()).addValue(e.details()).addString(e.requestId());
    return client.preparedQuery(insert).execute(args).mapEmpty();
  }

  /** The scope's entries older than {@code beforeSeq} (null: the newest), newest first; at most {@code limit}. */
  public Future<List<Positioned>> page(SqlClient client, UUID scopeId, Long beforeSeq, int limit) {
    return client.preparedQuery(page).execute(Tuple.of(scopeId, beforeSeq, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(this::positioned).toList());
  }

  private Positioned positioned(Row row) {
    Object details = row.getValue("details");
    AuditEntry entry = new AuditEntry(row.getUUID("id"), row.getUUID(scopeColumn), Times.fromDb(row, "occurred_at"),
        row.getUUID("actor_id"), row.getString("action"), row.getUUID("subject_user_id"), row.getString("subject_email"),
        details instanceof JsonObject json ? json : new JsonObject(), row.getString("request_id"));
    return new Positioned(row.getLong("seq"), entry);
  }
}
