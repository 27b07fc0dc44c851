package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Port: a context's tables (a record of plural-noun ports), read outside any transaction or changed together in one.
 * Every context persists this way. {@link #of(Pool, Function)} is PostgreSQL; rule tests use the test-jar's
 * {@code InMemoryUnitOfWork}.
 *
 * @param <T> the context's tables, each bound to one client
 */
public interface UnitOfWork<T> {

  /** The tables outside any transaction: reads, and writes of one statement that commit on their own. */
  T read();

  /** Runs the work in one transaction: it commits when the work's future succeeds and rolls back otherwise. */
  default <R> Future<R> transaction(Function<T, Future<R>> work) {
    return transaction((tables, outgoing) -> work.apply(tables));
  }

  /**
   * As {@link #transaction(Function)}, with the transaction's {@link Outgoing} messages: appended to the outbox in the
   * same transaction and sent after the commit with retries, so no lock waits on an SMTP server or the broker.
   */
  <R> Future<R> transaction(BiFunction<T, Outgoing, Future<R>> work);

  /** Messages queued in a transaction. */
  interface Outgoing {

    Future<Void> mail(String to, String subject, String text);

    /** The same mail to each recipient, queued in one statement. */
    Future<Void> mailAll(List<String> recipients, String subject, String text);

    Future<Void> send(List<OutboxMessage> messages);

    default Future<Void> send(OutboxMessage message) {
      return send(List.of(message));
    }
  }

  /** PostgreSQL: {@code bind} makes the tables on a client (the pool for reads, the transaction's connection otherwise). */
  static <T> UnitOfWork<T> of(Pool pool, Function<SqlClient, T> bind) {
    T read = bind.apply(pool);
    return new UnitOfWork<>() {
      @Override
      public T read() {
        return read;
      }

      @Override
      public <R> Future<R> transaction(BiFunction<T, Outgoing, Future<R>> work) {
        return pool.withTransaction(connection -> work.apply(bind.apply(connection), new Outgoing() {
          @Override
          public Future<Void> mail(String to, String subject, String text) {
            return Outbox.mail(connection, to, subject, text);
          }

          @Override
          public Future<Void> mailAll(List<String> recipients, String subject, String text) {
            return Outbox.mailAll(connection, recipients, subject, text);
          }

          @Override
          public Future<Void> send(List<OutboxMessage> messages) {
            return Outbox.appendAll(connection, messages);
          }
        }));
      }
    };
  }
}
