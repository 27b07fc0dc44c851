package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlOperatorAuditLog implements OperatorAuditLog {

  private static final String INSERT = """
      INSERT INTO identity.operator_audit (id, occurred_at, user_id, email, method, path, request_id, body)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String ENDED = "UPDATE identity.operator_audit SET status = $2 WHERE id = $1 AND status IS NULL";
  private static final String PAGE = """
      SELECT id, occurred_at, user_id, email, method, path, request_id, body, status FROM identity.operator_audit
       WHERE ($1::timestamptz IS NULL OR (occurred_at, id) < ($1, $2)) ORDER BY occurred_at DESC, id DESC LIMIT $3""";

  private final SqlClient client;

  SqlOperatorAuditLog(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> append(Entry entry) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(entry.id(), Times.toDb(entry.occurredAt()), entry.userId(), entry.email(), entry.method(), entry.path(),
            entry.requestId(), entry.body()))
        .mapEmpty();
  }

  @Override
  public Future<Void> ended(UUID id, int status) {
    return client.preparedQuery(ENDED).execute(Tuple.of(id, status)).mapEmpty();
  }

  @Override
  public Future<List<Entry>> page(Tokens.PageKey after, int limit) {
    return client.preparedQuery(PAGE)
        .execute(Tuple.of(after == null ? null : Times.toDb(after.createdAt()), after == null ? null : after.id(), limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlOperatorAuditLog::entry).toList());
  }

  private static Entry entry(Row row) {
    return new Entry(row.getUUID("id"), Times.fromDb(row, "occurred_at"), row.getUUID("user_id"), row.getString("email"),
        row.getString("method"), row.getString("path"), row.getString("request_id"), row.getValue("body"), row.getInteger("status"));
  }
}
