package io.atrium.platform.testing;

import io.atrium.embedded.EmbeddedAmqpBroker;
import io.atrium.embedded.EmbeddedPostgresServer;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Reachable;

import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL and AMQP broker that tests run against: the configured ones when they answer, otherwise
 * embedded ones (refused when {@code ATRIUM_EMBEDDED=never}). Every test JVM gets its own database and
 * its own AMQP name prefix, so runs never collide; the database is dropped when the JVM exits.
 */
public final class TestServices {

  private static TestServices instance;

  private final AtriumConfig config;
  private final boolean embeddedPostgres;
  private final boolean embeddedBroker;

  private TestServices(AtriumConfig config, boolean embeddedPostgres, boolean embeddedBroker) {
    this.config = config;
    this.embeddedPostgres = embeddedPostgres;
    this.embeddedBroker = embeddedBroker;
  }

  public static synchronized TestServices get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** Configuration pointing at this run's own database and AMQP prefix. */
  public AtriumConfig config() {
    return config;
  }

  /**
   * Configuration for a second, separate Atrium beside this run's (for a test that starts {@code ./atrium} as its
   * own process): its own database and AMQP prefix, named after this run so they are cleaned up the same way.
   */
  public AtriumConfig anotherRun(String name) {
    String database = Database.connectOptions(config.string("pg.url")).getDatabase() + "_" + name;
    String pgUrl = Reachable.withDatabase(config.string("pg.url"), database);
    AtriumConfig other = config.with(Map.of("pg.url", pgUrl, "amqp.prefix", config.string("amqp.prefix") + "-" + name));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dropDatabase(pgUrl, database);
      deleteTopology(other);
    }));
    return other;
  }

  public boolean embeddedPostgres() {
    return embeddedPostgres;
  }

  public boolean embeddedBroker() {
    return embeddedBroker;
  }

  private static TestServices start() {
    AtriumConfig base = AtriumConfig.load();
    boolean allowEmbedded = !"never".equalsIgnoreCase(base.string("embedded"));
    // The pid in the names lets .ci/run tell a killed run's leftovers from a run still in progress.
    String run = ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    String pgUrl = base.string("pg.url");
    boolean embeddedPg = false;
    java.util.List<AutoCloseable> embedded = new java.util.ArrayList<>();
    if (!Reachable.answers(pgUrl, 5432)) {
      requireAllowed(allowEmbedded, "PostgreSQL", pgUrl);
      EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
      embedded.add(postgres);
      pgUrl = postgres.url();
      embeddedPg = true;
    }
    String amqpUrl = base.string("amqp.url");
    boolean embeddedAmqp = false;
    if (!Reachable.answers(amqpUrl, 5672)) {
      requireAllowed(allowEmbedded, "RabbitMQ", amqpUrl);
      EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
      embedded.add(0, broker);
      amqpUrl = broker.url();
      embeddedAmqp = true;
    }
    String database = "atrium_test_" + run;
    String testPgUrl = Reachable.withDatabase(pgUrl, database);
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("pg.url", testPgUrl);
    overrides.put("amqp.url", amqpUrl);
    overrides.put("amqp.prefix", "atrium-test-" + run.replace('_', '-'));
    overrides.put("http.port", 0);
    overrides.put("management.port", 0);
    byte[] ssoKey = new byte[32];
    new java.security.SecureRandom().nextBytes(ssoKey);
    overrides.put("sso.secretKey", java.util.Base64.getEncoder().encodeToString(ssoKey));
    byte[] mfaKey = new byte[32];
    new java.security.SecureRandom().nextBytes(mfaKey);
    overrides.put("mfa.secretKey", java.util.Base64.getEncoder().encodeToString(mfaKey));
    byte[] outboxKey = new byte[32];
    new java.security.SecureRandom().nextBytes(outboxKey);
    overrides.put("outbox.secretKey", java.util.Base64.getEncoder().encodeToString(outboxKey));
    AtriumConfig config = base.with(overrides);
    io.atrium.platform.Outbox.useKey(config); // harnesses without a relay queue mail too
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dropDatabase(testPgUrl, database);
      deleteTopology(config);
      for (AutoCloseable service : embedded) {
        try {
          service.close();
        } catch (Exception e) {
          System.err.println("[atrium tests] could not stop " + service + ": " + e.getMessage());
        }
      }
    }));
    System.out.printf("[atrium tests] PostgreSQL %s (%s), AMQP %s (%s)%n",
        testPgUrl, embeddedPg ? "embedded" : "local", amqpUrl, embeddedAmqp ? "embedded" : "local");
    return new TestServices(config, embeddedPg, embeddedAmqp);
  }

  private static void requireAllowed(boolean allowEmbedded, String what, String url) {
    if (!allowEmbedded) {
      throw new IllegalStateException(what + " does not answer at " + url + " and ATRIUM_EMBEDDED=never forbids the embedded fallback");
    }
    System.err.println("[atrium tests] " + what + " does not answer at " + url + ": falling back to an embedded one");
  }

  /**
   * Deletes this run's queues and exchanges: left behind, every run's quorum queues would pile up in the
   * shared RabbitMQ and slow it down for every later run.
   */
  private static void deleteTopology(AtriumConfig config) {
    try (var connection = io.atrium.platform.Amqp.connect(config, "atrium-tests-cleanup"); var channel = connection.createChannel()) {
      new io.atrium.platform.Topology(config).delete(channel);
    } catch (Exception e) {
      System.err.println("[atrium tests] could not delete the queues of " + config.string("amqp.prefix") + ": " + e.getMessage());
    }
  }

  private static void dropDatabase(String pgUrl, String database) {
    var options = io.atrium.platform.Database.connectOptions(pgUrl);
    String url = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/postgres";
    var properties = new java.util.Properties();
    properties.setProperty("user", options.getUser());
    if (options.getPassword() != null && !options.getPassword().isEmpty()) {
      properties.setProperty("password", options.getPassword());
    }
    try (var connection = DriverManager.getConnection(url, properties); var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (Exception e) {
      System.err.println("[atrium tests] could not drop " + database + ": " + e.getMessage());
    }
  }
}
