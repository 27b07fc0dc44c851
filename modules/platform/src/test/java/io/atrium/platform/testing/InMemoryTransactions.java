package io.atrium.platform.testing;

import io.atrium.platform.Transactions;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Transactions} over in-memory fakes: the work runs with no connection (the fakes ignore it), and a failed
 * work puts the fakes back as they were, as a rollback would. The fakes' futures complete at once, so work never interleaves.
 */
public final class InMemoryTransactions implements Transactions {

  private final Supplier<Runnable> savepoint;
  private int committed;
  private int rolledBack;

  /** {@code savepoint} copies the fakes' state and returns what puts that copy back. */
  public InMemoryTransactions(Supplier<Runnable> savepoint) {
    this.savepoint = savepoint;
  }

  @Override
  public SqlClient reads() {
    return null;
  }

  @Override
  public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
    Runnable rollback = savepoint.get();
    Future<T> result;
    try {
      result = work.apply(null);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .onSuccess(done -> committed++)
        .onFailure(failure -> {
          rolledBack++;
          rollback.run();
        });
  }

  public int committed() {
    return committed;
  }

  public int rolledBack() {
    return rolledBack;
  }
}
