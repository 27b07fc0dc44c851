package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlInvitations implements Invitations {

  private static final String COLUMNS = """
      SELECT i.id, i.organization_id, o.name AS organization_name, i.email, i.role, i.status, i.invited_by,
             i.created_at, i.expires_at
        FROM organization.invitations i JOIN organization.organizations o ON o.id = i.organization_id""";
  private static final String INSERT = """
      INSERT INTO organization.invitations
        (id, organization_id, email, role, status, token_hash, invited_by, created_at, expires_at)
      VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8)""";
  private static final String OPEN_FOR = """
      SELECT 1 FROM organization.invitations
       WHERE organization_id = $1 AND email = $2 AND status = 'pending' AND expires_at > $3""";
  private static final String BY_HASH = COLUMNS + " WHERE i.token_hash = $1 FOR UPDATE OF i";
  private static final String BY_ID = COLUMNS + " WHERE i.organization_id = $1 AND i.id = $2 FOR UPDATE OF i";
  private static final String ANSWER =
      "UPDATE organization.invitations SET status = $2, answered_by = $3, answered_at = $4 WHERE id = $1";
  private static final String PAGE = COLUMNS + " " + """
       WHERE i.organization_id = $1 AND ($2::timestamptz IS NULL OR (i.created_at, i.id) < ($2, $3))
       ORDER BY i.created_at DESC, i.id DESC
       LIMIT $4""";
  private static final String OPEN_FOR_EMAIL = COLUMNS + " " + """
       WHERE i.email = $1 AND i.status = 'pending' AND i.expires_at > $2
       ORDER BY i.created_at DESC, i.id DESC""";

  private final SqlClient client;

  SqlInvitations(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Invitation invitation, byte[] tokenHash) {
    return client.preparedQuery(INSERT).execute(Tuple.from(List.of(
            invitation.id(), invitation.organizationId(), invitation.email(), invitation.role().text(),
            Buffer.buffer(tokenHash), invitation.invitedBy(), Times.toDb(invitation.createdAt()),
            Times.toDb(invitation.expiresAt()))))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> openFor(UUID organizationId, String email, Instant now) {
    return client.preparedQuery(OPEN_FOR).execute(Tuple.of(organizationId, email, Times.toDb(now))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Invitation> lockByTokenHash(byte[] tokenHash) {
    return one(client.preparedQuery(BY_HASH).execute(Tuple.of(Buffer.buffer(tokenHash))).map(SqlInvitations::all));
  }

  @Override
  public Future<Invitation> lock(UUID organizationId, UUID invitationId) {
    return one(client.preparedQuery(BY_ID).execute(Tuple.of(organizationId, invitationId)).map(SqlInvitations::all));
  }

  @Override
  public Future<Void> answer(UUID invitationId, String status, UUID answeredBy, Instant answeredAt) {
    return client.preparedQuery(ANSWER).execute(Tuple.of(invitationId, status, answeredBy, Times.toDb(answeredAt))).mapEmpty();
  }

  @Override
  public Future<List<Invitation>> page(UUID organizationId, CreatedKey after, int limit) {
    Tuple args = Tuple.of(organizationId, after == null ? null : Times.toDb(after.createdAt()),
        after == null ? null : after.id(), limit);
    return client.preparedQuery(PAGE).execute(args).map(SqlInvitations::all);
  }

  @Override
  public Future<List<Invitation>> openForEmail(String email, Instant now) {
    return client.preparedQuery(OPEN_FOR_EMAIL).execute(Tuple.of(email, Times.toDb(now))).map(SqlInvitations::all);
  }

  private static Future<Invitation> one(Future<List<Invitation>> rows) {
    return rows.map(list -> list.isEmpty() ? null : list.get(0));
  }

  private static List<Invitation> all(Iterable<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(SqlInvitations::invitation).toList();
  }

  private static Invitation invitation(Row row) {
    return new Invitation(row.getUUID("id"), row.getUUID("organization_id"), row.getString("organization_name"),
        row.getString("email"), OrganizationRole.parse(row.getString("role")), row.getString("status"), row.getUUID("invited_by"),
        Times.fromDb(row, "created_at"), Times.fromDb(row, "expires_at"));
  }
}
