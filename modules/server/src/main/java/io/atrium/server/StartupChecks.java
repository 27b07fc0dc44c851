package io.atrium.server;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Reachable;
import io.vertx.pgclient.PgException;

import java.net.BindException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Settings that waiting cannot cure, told in one line that names the variable ({@link StartupRefused}): checked before
 * anything starts or migrates when the services answer (a service that does not answer yet is waited for instead),
 * and recognised in a failure that happens later in a start.
 */
final class StartupChecks {

  private StartupChecks() {}

  /** Refuses credentials that PostgreSQL or RabbitMQ refuse, when they answer at all. Blocking: the main thread only. */
  static void credentials(AtriumConfig config) {
    String pgUrl = config.string("pg.url");
    if (Reachable.answers(pgUrl, 5432)) {
      var options = Database.connectOptions(pgUrl);
      Properties properties = new Properties();
      properties.setProperty("user", options.getUser());
      if (options.getPassword() != null) {
        properties.setProperty("password", options.getPassword());
      }
      properties.setProperty("connectTimeout", "5");
      String jdbc = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/postgres";
      try (var connection = DriverManager.getConnection(jdbc, properties)) {
        connection.isValid(1);
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
          throw refused("pg.url", pgUrl, "PostgreSQL refuses the user or password: " + e.getMessage());
        }
      }
    }
    String amqpUrl = config.string("amqp.url");
    if (Reachable.answers(amqpUrl, 5672)) {
      com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
      factory.setAutomaticRecoveryEnabled(false);
      factory.setConnectionTimeout(5000);
      // The broker drops the socket after refusing: that is the answer here, not something to log a warning about.
      factory.setExceptionHandler(new com.rabbitmq.client.impl.ForgivingExceptionHandler() {
        @Override
        public void handleUnexpectedConnectionDriverException(com.rabbitmq.client.Connection connection, Throwable exception) {
        }
      });
      try {
        factory.setUri(amqpUrl);
      } catch (Exception invalid) {
        throw refused("amqp.url", amqpUrl, "not a valid AMQP URI");
      }
      try (var connection = factory.newConnection("atrium-startup-check")) {
        connection.getServerProperties();
      } catch (PossibleAuthenticationFailureException e) { // AuthenticationFailureException is one too
        throw refused("amqp.url", amqpUrl, "the broker refuses the user or password");
      } catch (Exception notNow) {
        // not an answer about the credentials: the start waits for the broker
      }
    }
  }

  /** One line for a start that failed after all: the setting at fault when it can be told, else the cause. */
  static String explain(Throwable failure) {
    AtriumConfig config = AtriumConfig.load();
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("28")) {
        return refused("pg.url", config.string("pg.url"), "PostgreSQL refuses the user or password: " + pg.getErrorMessage()).getMessage();
      }
      if (cause instanceof PossibleAuthenticationFailureException) {
        return refused("amqp.url", config.string("amqp.url"), "the broker refuses the user or password").getMessage();
      }
      if (cause instanceof BindException) { // its message names no port: list the ones a process of ours listens on
        return "a port is taken (" + cause.getMessage() + "): one of " + String.join(", ",
            java.util.stream.Stream.of("http.port", "worker.httpPort", "management.port")
                .map(key -> AtriumConfig.envName(key) + "=" + config.string(key)).toList());
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "cannot start: " + failure.getMessage() + (root == failure ? "" : " (" + root + ")");
  }

  private static StartupRefused refused(String key, String url, String why) {
    return new StartupRefused(AtriumConfig.envName(key) + "=" + withoutPassword(url) + ": " + why);
  }

  /** A service URL as it may be shown: its password, if any, replaced by {@code ***}. */
  static String withoutPassword(String url) {
    return url.replaceFirst("(//[^:/@]+):[^@]*@", "$1:***@");
  }
}
