package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./atrium} as a user starts it: a wrong setting is one line naming it and exit status 2; JSON logs are JSON. */
class StartupErrorsIT {

  @Test
  void aTakenPortIsOneLineNamingTheVariableAndNothingIsMigrated() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("porttaken");
    try (ServerSocket taken = new ServerSocket(0)) {
      AtriumProcess api = AtriumProcess.start(environment(config, taken.getLocalPort()), "api");
      int exit = api.exitWithin(60);
      List<String> lines = api.output().lines().filter(line -> !line.isBlank()).toList();
      assertThat(exit).as(api.tail()).isEqualTo(2);
      assertThat(lines).as("one line").hasSize(1);
      assertThat(lines.get(0)).contains("ATRIUM_HTTP_PORT=" + taken.getLocalPort()).contains("in use");
    }
    assertThat(databaseExists(config)).as("nothing was migrated: the database was not even created").isFalse();
  }

  /** The worker listens on its own port: the line names that variable too, not only the API's. */
  @Test
  void aWorkerWhosePortIsTakenSaysWhichVariablesToLookAt() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("workerport");
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> environment = environment(config, AtriumProcess.freePort());
      environment.put("ATRIUM_WORKER_HTTP_PORT", String.valueOf(taken.getLocalPort()));
      AtriumProcess worker = AtriumProcess.start(environment, "worker");
      assertThat(worker.exitWithin(90)).as(worker.tail()).isEqualTo(2);
      List<String> lines = worker.output().lines().filter(line -> !line.isBlank()).toList();
      assertThat(lines).as(worker.tail()).hasSize(1);
      assertThat(lines.get(0)).contains("ATRIUM_WORKER_HTTP_PORT=" + taken.getLocalPort()).contains("in use");
    }
  }

  @Test
  void credentialsThatPostgresqlRefusesAreOneLineNamingTheVariable() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("pgauth");
    Map<String, String> environment = environment(config, AtriumProcess.freePort());
    String url = config.string("pg.url").replaceFirst("//[^@/]*@", "//atrium_no_such_role:secret@");
    environment.put("ATRIUM_PG_URL", url);
    AtriumProcess api = AtriumProcess.start(environment, "api");
    assertThat(api.exitWithin(60)).as(api.tail()).isEqualTo(2);
    List<String> lines = api.output().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("atrium: ATRIUM_PG_URL=").contains("atrium_no_such_role:***@").doesNotContain("secret")
        .contains("refuses the user or password");
    assertThat(databaseExists(config)).isFalse();
  }

  @Test
  void credentialsThatTheBrokerRefusesAreOneLineNamingTheVariable() throws Exception {
    AtriumConfig config = TestServices.get().anotherRun("amqpauth");
    Map<String, String> environment = environment(config, AtriumProcess.freePort());
    environment.put("ATRIUM_AMQP_URL", config.string("amqp.url").replaceFirst("//[^@/]*@", "//guest:not-the-password@"));
    AtriumProcess worker = AtriumProcess.start(environment, "worker");
    assertThat(worker.exitWithin(60)).as(worker.tail()).isEqualTo(2);
    List<String> lines = worker.output().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("atrium: ATRIUM_AMQP_URL=").contains("guest:***@").doesNotContain("not-the-password");
    assertThat(databaseExists(config)).as("nothing was migrated").isFalse();
  }

  @Test
  void anUnknownLogFormatIsRefusedNamingTheVariable() throws Exception {
    Map<String, String> environment = environment(TestServices.get().anotherRun("badlog"), AtriumProcess.freePort());
    environment.put("ATRIUM_LOG_FORMAT", "xml");
    AtriumProcess api = AtriumProcess.start(environment, "api");
    assertThat(api.exitWithin(60)).as(api.tail()).isEqualTo(2);
    assertThat(api.output().strip()).isEqualTo("atrium: ATRIUM_LOG_FORMAT=xml: must be text or json");
  }

  @Test
  void jsonLogsAreOneObjectPerLineCarryingTheRequestId() throws Exception {
    int port = AtriumProcess.freePort();
    Map<String, String> environment = environment(TestServices.get().anotherRun("jsonlog"), port);
    environment.put("ATRIUM_LOG_FORMAT", "json");
    try (AtriumProcess api = AtriumProcess.start(environment, "api")) {
      api.awaitReady(port);
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
          .header("X-Request-Id", "walk-42").build(), HttpResponse.BodyHandlers.discarding());
      long deadline = System.currentTimeMillis() + 10_000;
      while (!api.output().contains("walk-42") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      List<JsonObject> lines = api.output().lines().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.getString("level")).isNotBlank());
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.getJsonObject("mdc").getString("requestId")).isEqualTo("walk-42");
        assertThat(line.getString("formattedMessage")).contains("GET /health/live 200");
      });
    }
  }

  private static Map<String, String> environment(AtriumConfig config, int port) {
    return AtriumProcess.environment(config, port);
  }

  private static boolean databaseExists(AtriumConfig config) throws Exception {
    var options = io.atrium.platform.Database.connectOptions(config.string("pg.url"));
    try (var connection = DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/postgres",
        options.getUser(), options.getPassword());
         var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, options.getDatabase());
      return statement.executeQuery().next();
    }
  }
}
