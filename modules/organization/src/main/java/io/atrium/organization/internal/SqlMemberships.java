package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;

final class SqlMemberships implements Memberships {

  private static final String INSERT =
      "INSERT INTO organization.memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)";
  private static final String FIND =
      "SELECT user_id, role, joined_at FROM organization.memberships WHERE organization_id = $1 AND user_id = $2";
  private static final String CHANGE_ROLE =
      "UPDATE organization.memberships SET role = $3 WHERE organization_id = $1 AND user_id = $2";
  private static final String DELETE = "DELETE FROM organization.memberships WHERE organization_id = $1 AND user_id = $2";
  private static final String COUNT_OWNERS =
      "SELECT count(*) AS owners FROM organization.memberships WHERE organization_id = $1 AND role = 'owner'";
  private static final String PAGE = """
      SELECT user_id, role, joined_at FROM organization.memberships
       WHERE organization_id = $1 AND ($2::timestamptz IS NULL OR (joined_at, user_id) > ($2, $3))
       ORDER BY joined_at, user_id
       LIMIT $4""";
  private static final String USER_IDS = "SELECT user_id FROM organization.memberships WHERE organization_id = $1";
  private static final String SNAPSHOT = """
      SELECT organization_id, user_id, role FROM organization.memberships
       WHERE $1::uuid IS NULL OR (organization_id, user_id) > ($1, $2)
       ORDER BY organization_id, user_id
       LIMIT $3""";

  private static final String RECORD_REMOVAL = """
      INSERT INTO organization.removed_members (organization_id, user_id, removed_at) VALUES ($1, $2, $3)
      ON CONFLICT (organization_id, user_id) DO UPDATE SET removed_at = $3""";
  private static final String WAS_REMOVED = "SELECT 1 FROM organization.removed_members WHERE organization_id = $1 AND user_id = $2";
  private static final String FORGET_REMOVAL = "DELETE FROM organization.removed_members WHERE organization_id = $1 AND user_id = $2";

  private final SqlClient client;

  SqlMemberships(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(UUID organizationId, Member member) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(organizationId, member.userId(), member.role().text(), Times.toDb(member.joinedAt())))
        .mapEmpty();
  }

  @Override
  public Future<Member> find(UUID organizationId, UUID userId) {
    return query(FIND, Tuple.of(organizationId, userId), SqlMemberships::member)
        .map(members -> members.isEmpty() ? null : members.get(0));
  }

  @Override
  public Future<Void> changeRole(UUID organizationId, UUID userId, OrganizationRole role) {
    return client.preparedQuery(CHANGE_ROLE).execute(Tuple.of(organizationId, userId, role.text())).mapEmpty();
  }

  @Override
  public Future<Void> delete(UUID organizationId, UUID userId) {
    return client.preparedQuery(DELETE).execute(Tuple.of(organizationId, userId)).mapEmpty();
  }

  @Override
  public Future<Integer> countOwners(UUID organizationId) {
    return query(COUNT_OWNERS, Tuple.of(organizationId), row -> row.getLong("owners").intValue()).map(counts -> counts.get(0));
  }

  @Override
  public Future<List<Member>> page(UUID organizationId, JoinKey after, int limit) {
    Tuple args = Tuple.of(organizationId, after == null ? null : Times.toDb(after.joinedAt()),
        after == null ? null : after.userId(), limit);
    return query(PAGE, args, SqlMemberships::member);
  }

  @Override
  public Future<List<UUID>> userIds(UUID organizationId) {
    return query(USER_IDS, Tuple.of(organizationId), row -> row.getUUID("user_id"));
  }

  @Override
  public Future<List<Snapshot>> snapshot(UUID afterOrganizationId, UUID afterUserId, int limit) {
    return query(SNAPSHOT, Tuple.of(afterOrganizationId, afterUserId, limit),
        row -> new Snapshot(row.getUUID("organization_id"), row.getUUID("user_id"), OrganizationRole.parse(row.getString("role"))));
  }

  @Override
  public Future<Void> recordRemoval(UUID organizationId, UUID userId, Instant removedAt) {
    return client.preparedQuery(RECORD_REMOVAL).execute(Tuple.of(organizationId, userId, Times.toDb(removedAt))).mapEmpty();
  }

  @Override
  public Future<Boolean> wasRemoved(UUID organizationId, UUID userId) {
    return client.preparedQuery(WAS_REMOVED).execute(Tuple.of(organizationId, userId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> forgetRemoval(UUID organizationId, UUID userId) {
    return client.preparedQuery(FORGET_REMOVAL).execute(Tuple.of(organizationId, userId)).mapEmpty();
  }

  private <T> Future<List<T>> query(String sql, Tuple args, Function<Row, T> mapper) {
    return client.preparedQuery(sql).execute(args)
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(mapper).toList());
  }

  private static Member member(Row row) {
    return new Member(row.getUUID("user_id"), OrganizationRole.parse(row.getString("role")), Times.fromDb(row, "joined_at"));
  }
}
