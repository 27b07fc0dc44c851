package io.atrium.platform;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that goes away by itself (a database or broker that is away, restarting, overloaded, or a
 * transaction that lost a race) from one that fails the same way every time (a bad payload, a broken rule,
 * a constraint). Only the second kind may count toward a job's delivery limit or park an outbox row.
 */
public final class Transience {

  // 57P01-03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections;
  // 40001/40P01: serialization failure, deadlock; 08*: connection exceptions.
  private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "53400", "40001", "40P01");

  private static final Set<Integer> SOFT_CHANNEL_ERRORS = Set.of(403, 404, 406);

  private Transience() {}

  public static boolean isTransient(Throwable failure) {
    if (isSoftChannelError(failure)) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state));
      }
      if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException
          || t instanceof com.rabbitmq.client.ShutdownSignalException || t instanceof com.rabbitmq.client.AlreadyClosedException
          || t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLNonTransientConnectionException || isVertxConnectionFailure(t)) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A channel the broker closed with a soft error (403 access refused, 404 not found, 406 precondition failed: a
   * missing exchange, a wrong argument) fails the same way on every retry; amqp-client wraps it in an IOException.
   */
  public static boolean isSoftChannelError(Throwable failure) {
    return softChannelErrorCode(failure) != 0;
  }

  /** The reply code of a soft channel error in the cause chain, or 0. */
  public static int softChannelErrorCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof com.rabbitmq.client.ShutdownSignalException signal && !signal.isHardError()
          && signal.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close
          && SOFT_CHANNEL_ERRORS.contains(close.getReplyCode())) {
        return close.getReplyCode();
      }
    }
    return 0;
  }

  /** Vert.x reports a socket closed under a request, or a wait that timed out, without a type of its own. */
  private static boolean isVertxConnectionFailure(Throwable t) {
    if (!(t instanceof io.vertx.core.VertxException) || t.getMessage() == null) {
      return false;
    }
    String message = t.getMessage().toLowerCase(java.util.Locale.ROOT);
    return (message.contains("connection") && (message.contains("closed") || message.contains("reset") || message.contains("refused")))
        || message.contains("timeout") || message.contains("timed out");
  }
}
