package io.atrium.platform;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the worker retries without counting (transient) and what counts toward the delivery limit. */
class TransienceTest {

  private static PgException pg(String state) {
    return new PgException("boom", "ERROR", state, "detail");
  }

  @Test
  void lost_connections_restarts_overload_and_lost_races_are_transient() {
    for (String state : new String[] {"08000", "08003", "08006", "57P01", "57P02", "57P03", "53300", "40001", "40P01"}) {
      assertThat(Transience.isTransient(pg(state))).as(state).isTrue();
    }
    assertThat(Transience.isTransient(new ConnectException("Connection refused"))).isTrue();
    assertThat(Transience.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(Transience.isTransient(new TimeoutException("pool"))).isTrue();
    assertThat(Transience.isTransient(new AlreadyClosedException(new ShutdownSignalException(false, false, null, null)))).isTrue();
    assertThat(Transience.isTransient(new VertxException("Connection closed", true))).isTrue();
    assertThat(Transience.isTransient(new IllegalStateException("wrapped", new ConnectException("refused")))).isTrue();
  }

  @Test
  void broken_rules_bad_payloads_and_constraints_are_deterministic() {
    for (String state : new String[] {"23505", "23503", "22P02", "42P01", "P0001"}) {
      assertThat(Transience.isTransient(pg(state))).as(state).isFalse();
    }
    assertThat(Transience.isTransient(new IllegalArgumentException("bad payload"))).isFalse();
    assertThat(Transience.isTransient(new VertxException("the account is closed", true))).isFalse();
    assertThat(Transience.isTransient(new IllegalStateException("wrapped", pg("23505")))).isFalse();
  }

  @Test
  void a_channel_closed_with_a_soft_error_is_deterministic_and_a_connection_closed_is_not() {
    for (int code : new int[] {403, 404, 406}) {
      assertThat(Transience.isTransient(new java.io.IOException(channelClosed(false, code)))).as("channel %d", code).isFalse();
      assertThat(Transience.isTransient(new AlreadyClosedException(channelClosed(false, code)))).as("already closed %d", code).isFalse();
    }
    assertThat(Transience.softChannelErrorCode(new java.io.IOException(channelClosed(false, 404)))).isEqualTo(404);
    assertThat(Transience.isTransient(new java.io.IOException(channelClosed(true, 320)))).as("connection forced").isTrue();
  }

  private static ShutdownSignalException channelClosed(boolean hard, int code) {
    com.rabbitmq.client.Method reason = hard
        ? new com.rabbitmq.client.AMQP.Connection.Close.Builder().replyCode(code).replyText("CONNECTION_FORCED").build()
        : new com.rabbitmq.client.AMQP.Channel.Close.Builder().replyCode(code).replyText("NOT_FOUND - no exchange").build();
    return new ShutdownSignalException(hard, false, reason, null);
  }
}
