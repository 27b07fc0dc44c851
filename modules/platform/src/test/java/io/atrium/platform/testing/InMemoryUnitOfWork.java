package io.atrium.platform.testing;

import io.atrium.platform.OutboxMessage;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} over in-memory tables, for rule tests: a failed transaction puts the tables back and drops its
 * messages, as a rollback would. The fakes' futures complete at once, so transactions never interleave.
 */
public final class InMemoryUnitOfWork<T> implements UnitOfWork<T> {

  /** A mail queued by a committed transaction. */
  public record Mail(String to, String subject, String text) {}

  private final T tables;
  private final Supplier<Runnable> savepoint;
  private final List<Mail> mails = new ArrayList<>();
  private final List<OutboxMessage> messages = new ArrayList<>();
  private int committed;
  private int rolledBack;

  /** {@code savepoint} copies the tables' state and returns what puts that copy back. */
  public InMemoryUnitOfWork(T tables, Supplier<Runnable> savepoint) {
    this.tables = tables;
    this.savepoint = savepoint;
  }

  @Override
  public T read() {
    return tables;
  }

  @Override
  public <R> Future<R> transaction(BiFunction<T, Outgoing, Future<R>> work) {
    Runnable rollback = savepoint.get();
    List<Mail> queuedMails = new ArrayList<>();
    List<OutboxMessage> queuedMessages = new ArrayList<>();
    Outgoing outgoing = new Outgoing() {
      @Override
      public Future<Void> mail(String to, String subject, String text) {
        queuedMails.add(new Mail(to, subject, text));
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> mailAll(List<String> recipients, String subject, String text) {
        recipients.forEach(to -> queuedMails.add(new Mail(to, subject, text)));
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> send(List<OutboxMessage> sent) {
        queuedMessages.addAll(sent);
        return Future.succeededFuture();
      }
    };
    Future<R> result;
    try {
      result = work.apply(tables, outgoing);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .onSuccess(done -> {
          committed++;
          mails.addAll(queuedMails);
          messages.addAll(queuedMessages);
        })
        .onFailure(failure -> {
          rolledBack++;
          rollback.run();
        });
  }

  /** The mail of committed transactions, in order. */
  public List<Mail> mails() {
    return mails;
  }

  /** The outbox messages of committed transactions, in order. */
  public List<OutboxMessage> messages() {
    return messages;
  }

  public int committed() {
    return committed;
  }

  public int rolledBack() {
    return rolledBack;
  }
}
