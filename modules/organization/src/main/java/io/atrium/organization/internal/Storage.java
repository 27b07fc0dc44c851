package io.atrium.organization.internal;

import io.atrium.platform.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.util.function.BiFunction;
import java.util.function.Function;

/** The organization schema's tables, read from the pool or changed together in one transaction. */
final class Storage {

  private final Pool pool;
  private final Tables read;

  Storage(Pool pool) {
    this.pool = pool;
    this.read = tables(pool);
  }

  /** The tables outside any transaction, for reads. */
  Tables read() {
    return read;
  }

  /** Runs the work in one transaction: it commits when the work's future succeeds and rolls back otherwise. */
  <T> Future<T> transaction(Function<Tables, Future<T>> work) {
    return pool.withTransaction(connection -> work.apply(tables(connection)));
  }

  /**
   * As {@link #transaction(Function)}, with the transaction's {@link Outgoing} mail: queued in the outbox, sent
   * after the commit with retries, so no lock waits on an SMTP server.
   */
  <T> Future<T> transaction(BiFunction<Tables, Outgoing, Future<T>> work) {
    return pool.withTransaction(connection -> work.apply(tables(connection),
        (to, subject, text) -> Outbox.mail(connection, to, subject, text)));
  }

  /** Mail queued in a transaction. */
  @FunctionalInterface
  interface Outgoing {
    Future<Void> mail(String to, String subject, String text);
  }

  private static Tables tables(SqlClient client) {
    return new Tables(new SqlOrganizations(client), new SqlMemberships(client), new SqlInvitations(client), new SqlAuditLog(client),
        new SqlSsoConfigurations(client), new SqlLoginAttempts(client), new SqlDomains(client));
  }

  /** The ports, bound to one client. */
  record Tables(Organizations organizations, Memberships memberships, Invitations invitations, AuditLog auditLog,
                SsoConfigurations ssoConfigurations, LoginAttempts loginAttempts, Domains domains) {}
}
