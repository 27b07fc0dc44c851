package io.atrium.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

  @Test
  void answersSqlAtItsUrl() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      assertThat(server.url()).matches("postgresql://postgres@127\\.0\\.0\\.1:\\d+/postgres");

      assertThat(version(server)).startsWith("PostgreSQL");
    }
  }

  @Test
  void twoServersStartSideBySide() throws Exception {
    CompletableFuture<EmbeddedPostgresServer> first = CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
    CompletableFuture<EmbeddedPostgresServer> second = CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
    try (EmbeddedPostgresServer a = first.get(60, TimeUnit.SECONDS);
        EmbeddedPostgresServer b = second.get(60, TimeUnit.SECONDS)) {
      assertThat(a.url()).isNotEqualTo(b.url());
      assertThat(version(a)).startsWith("PostgreSQL");
      assertThat(version(b)).startsWith("PostgreSQL");
    }
  }

  private static String version(EmbeddedPostgresServer server) throws Exception {
    // The url carries the user; JDBC takes it as a separate argument.
    String jdbcUrl = "jdbc:" + server.url().replace("postgres@", "");
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select version()")) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
