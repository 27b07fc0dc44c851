package io.atrium.organization.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlMemberships implements Memberships {

  private static final String OF_USER = """
      SELECT o.id, o.name, m.role
        FROM organization.memberships m JOIN organization.organizations o ON o.id = m.organization_id
       WHERE m.user_id = $1
       ORDER BY o.name, o.id""";

  private final Pool pool;

  SqlMemberships(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Membership>> ofUser(UUID userId) {
    return pool.preparedQuery(OF_USER).execute(Tuple.of(userId))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlMemberships::membership).toList());
  }

  private static Membership membership(Row row) {
    return new Membership(row.getUUID("id"), row.getString("name"), row.getString("role"));
  }
}
