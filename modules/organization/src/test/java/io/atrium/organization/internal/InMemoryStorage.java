package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@link Storage} over in-memory tables, for rule tests: a failed transaction puts every table back and drops its mail,
 * as a rollback would. SSO configurations, login attempts and domains have no fake (null).
 */
final class InMemoryStorage implements Storage {

  /** A mail queued by a committed transaction. */
  record Mail(String to, String subject, String text) {}

  final InMemoryMemberships memberships = new InMemoryMemberships();
  final InMemoryOrganizations organizations = new InMemoryOrganizations(memberships);
  final InMemoryInvitations invitations = new InMemoryInvitations();
  final InMemoryAuditLog auditLog = new InMemoryAuditLog();
  final List<Mail> outbox = new ArrayList<>();
  private final Tables tables = new Tables(organizations, memberships, invitations, auditLog, null, null, null);

  @Override
  public Tables read() {
    return tables;
  }

  @Override
  public <T> Future<T> transaction(BiFunction<Tables, Outgoing, Future<T>> work) {
    List<Runnable> rollback = List.of(memberships.savepoint(), organizations.savepoint(), invitations.savepoint(), auditLog.trail.savepoint());
    List<Mail> queued = new ArrayList<>();
    Future<T> result;
    try {
      result = work.apply(tables, (to, subject, text) -> {
        queued.add(new Mail(to, subject, text));
        return Future.succeededFuture();
      });
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .onSuccess(committed -> outbox.addAll(queued))
        .onFailure(failure -> rollback.forEach(Runnable::run));
  }
}
