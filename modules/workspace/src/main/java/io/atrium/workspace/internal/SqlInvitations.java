package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlInvitations implements Invitations {

  private static final String COLUMNS = "SELECT i.id, i.workspace_id, i.email, i.access_level, i.status, i.invited_by,"
      + " i.created_at, i.expires_at, w.organization_id, w.name FROM workspace.invitations i"
      + " JOIN workspace.workspaces w ON w.id = i.workspace_id ";
  private static final String INSERT = """
      INSERT INTO workspace.invitations
        (id, workspace_id, email, email_normalized, access_level, token_hash, status, invited_by, created_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)""";
  private static final String EXPIRE_LAPSED = """
      UPDATE workspace.invitations SET status = 'expired'
       WHERE workspace_id = $1 AND email_normalized = $2 AND status = 'pending' AND expires_at <= $3""";
  private static final String BY_HASH = COLUMNS + "WHERE i.token_hash = $1 FOR UPDATE OF i";
  private static final String BY_ID = COLUMNS + "WHERE i.workspace_id = $1 AND i.id = $2";
  private static final String ANSWER = "UPDATE workspace.invitations SET status = $2, answered_at = $3 WHERE id = $1 AND status = 'pending' RETURNING id";
  private static final String PAGE = COLUMNS + """
      WHERE i.workspace_id = $1 AND ($2::timestamptz IS NULL OR (i.created_at, i.id) < ($2, $3::uuid))
      ORDER BY i.created_at DESC, i.id DESC LIMIT $4""";
  private static final String OPEN_FOR = COLUMNS + """
      WHERE i.email_normalized = $1 AND i.status = 'pending' AND i.expires_at > $2 AND w.deleted_at IS NULL
      ORDER BY i.created_at DESC, i.id DESC""";
  private static final String REVOKE_ALL =
      "UPDATE workspace.invitations SET status = 'revoked', answered_at = $2 WHERE workspace_id = $1 AND status = 'pending'";

  private final SqlClient client;

  SqlInvitations(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Boolean> insert(Invitation invitation, byte[] tokenHash) {
    Tuple args = Tuple.of(invitation.id(), invitation.workspaceId(), invitation.email(), Invitation.normalize(invitation.email()),
            invitation.accessLevel().code(), Buffer.buffer(tokenHash))
        .addUUID(invitation.invitedBy())
        .addOffsetDateTime(Times.toDb(invitation.createdAt()))
        .addOffsetDateTime(Times.toDb(invitation.expiresAt()));
    return client.preparedQuery(INSERT).execute(args).map(true)
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> expireLapsed(UUID workspaceId, String email, Instant now) {
    return client.preparedQuery(EXPIRE_LAPSED).execute(Tuple.of(workspaceId, Invitation.normalize(email), Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Optional<Addressed>> byTokenHash(byte[] tokenHash) {
    return client.preparedQuery(BY_HASH).execute(Tuple.of(Buffer.buffer(tokenHash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(addressed(rows.iterator().next())));
  }

  @Override
  public Future<Optional<Invitation>> byId(UUID workspaceId, UUID invitationId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(workspaceId, invitationId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(invitation(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> answer(UUID invitationId, String status, Instant at) {
    return client.preparedQuery(ANSWER).execute(Tuple.of(invitationId, status, Times.toDb(at))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<List<Invitation>> page(UUID workspaceId, PageKey after, int limit) {
    Tuple args = Tuple.of(workspaceId, after == null ? null : Times.toDb(after.createdAt()), after == null ? null : after.id(), limit);
    return client.preparedQuery(PAGE).execute(args)
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlInvitations::invitation).toList());
  }

  @Override
  public Future<List<Addressed>> openFor(String email, Instant now) {
    return client.preparedQuery(OPEN_FOR).execute(Tuple.of(Invitation.normalize(email), Times.toDb(now)))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlInvitations::addressed).toList());
  }

  @Override
  public Future<Void> revokeAll(UUID workspaceId, Instant at) {
    return client.preparedQuery(REVOKE_ALL).execute(Tuple.of(workspaceId, Times.toDb(at))).mapEmpty();
  }

  private static Addressed addressed(Row row) {
    return new Addressed(invitation(row), row.getUUID("organization_id"), row.getString("name"));
  }

  private static Invitation invitation(Row row) {
    return new Invitation(row.getUUID("id"), row.getUUID("workspace_id"), row.getString("email"),
        AccessLevel.parse(row.getString("access_level")), row.getString("status"), row.getUUID("invited_by"),
        Times.fromDb(row, "created_at"), Times.fromDb(row, "expires_at"));
  }
}
