package io.atrium.organization.internal;

import io.atrium.platform.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.util.function.BiFunction;

/** {@link Storage} in PostgreSQL: each transaction's tables bound to its connection, its mail to the outbox. */
final class SqlStorage implements Storage {

  private final Pool pool;
  private final Tables read;

  SqlStorage(Pool pool) {
    this.pool = pool;
    this.read = tables(pool);
  }

  @Override
  public Tables read() {
    return read;
  }

  @Override
  public <T> Future<T> transaction(BiFunction<Tables, Outgoing, Future<T>> work) {
    return pool.withTransaction(connection -> work.apply(tables(connection),
        (to, subject, text) -> Outbox.mail(connection, to, subject, text)));
  }

  private static Tables tables(SqlClient client) {
    return new Tables(new SqlOrganizations(client), new SqlMemberships(client), new SqlInvitations(client), new SqlAuditLog(client),
        new SqlSsoConfigurations(client), new SqlLoginAttempts(client), new SqlDomains(client));
  }
}
