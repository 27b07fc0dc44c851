package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The unit of work: the organization schema's tables, read outside a transaction or changed together in one.
 * {@link SqlStorage} is PostgreSQL; rule tests use in-memory tables.
 */
interface Storage {

  /** The tables outside any transaction, for reads. */
  Tables read();

  /** Runs the work in one transaction: it commits when the work's future succeeds and rolls back otherwise. */
  default <T> Future<T> transaction(Function<Tables, Future<T>> work) {
    return transaction((tables, outgoing) -> work.apply(tables));
  }

  /**
   * As {@link #transaction(Function)}, with the transaction's {@link Outgoing} mail: queued in the outbox, sent
   * after the commit with retries, so no lock waits on an SMTP server.
   */
  <T> Future<T> transaction(BiFunction<Tables, Outgoing, Future<T>> work);

  /** Mail queued in a transaction. */
  @FunctionalInterface
  interface Outgoing {
    Future<Void> mail(String to, String subject, String text);
  }

  /** The ports, bound to one client. */
  record Tables(Organizations organizations, Memberships memberships, Invitations invitations, AuditLog auditLog,
                SsoConfigurations ssoConfigurations, LoginAttempts loginAttempts, Domains domains) {}
}
