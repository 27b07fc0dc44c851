package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Applies each context's own Liquibase changelog into its own schema. Runs on a worker thread; a
 * PostgreSQL advisory lock makes two processes that start at once take turns.
 */
public final class Migrations {

  /** One context's changelog (a classpath resource) and the schema it owns. */
  public record Changelog(String schema, String path) {}

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final long LOCK_KEY = 0x41545249554dL; // "ATRIUM"
  // Held strongly: java.util.logging forgets the level of a logger that is garbage-collected.
  private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

  static {
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
    LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING); // one line per schema below is enough
  }

  private Migrations() {}

  /** Waits for PostgreSQL (capped backoff, a log line per attempt), then migrates: how every process starts. */
  public static Future<Void> applyOnceReachable(Vertx vertx, AtriumConfig config, List<Changelog> changelogs) {
    return ServiceWait.until(vertx, config, "PostgreSQL", () -> apply(vertx, config, changelogs));
  }

  public static Future<Void> apply(Vertx vertx, AtriumConfig config, List<Changelog> changelogs) {
    String url = config.string("pg.url");
    return Database.ensureExists(vertx, url)
        .compose(v -> vertx.executeBlocking(() -> {
          applyBlocking(Database.connectOptions(url), changelogs);
          return null;
        }, false));
  }

  private static void applyBlocking(PgConnectOptions options, List<Changelog> changelogs) throws Exception {
    try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(options), Database.jdbcProperties(options))) {
      try (Statement lock = connection.createStatement()) {
        lock.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      }
      try {
        for (Changelog changelog : changelogs) {
          update(connection, changelog);
        }
      } finally {
        try (Statement unlock = connection.createStatement()) {
          unlock.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
    }
  }

  private static void update(Connection connection, Changelog changelog) throws Exception {
    try (Statement schema = connection.createStatement()) {
      schema.execute("CREATE SCHEMA IF NOT EXISTS " + changelog.schema());
    }
    int before = applied(connection, changelog.schema());
    var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    database.setDefaultSchemaName(changelog.schema());
    database.setLiquibaseSchemaName(changelog.schema());
    Map<String, Object> scope = Map.of(
        Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
        Scope.Attr.ui.name(), new LoggerUIService()); // Liquibase's console summary goes to its (quiet) log instead
    Scope.child(scope, () ->
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
            .execute());
    int now = applied(connection, changelog.schema());
    // Every process migrates at start: say so only when something was applied, not once per process and schema.
    if (now > before) {
      log.info("schema {}: applied {} changeset(s) of {} ({} in all)", changelog.schema(), now - before, changelog.path(), now);
    } else {
      log.debug("schema {} is up to date ({})", changelog.schema(), changelog.path());
    }
  }

  /** Changesets recorded in the schema's Liquibase log; 0 before the first migration. */
  private static int applied(Connection connection, String schema) throws Exception {
    try (Statement statement = connection.createStatement()) {
      try (var exists = statement.executeQuery("SELECT to_regclass('" + schema + ".databasechangelog') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return 0;
        }
      }
      try (var count = statement.executeQuery("SELECT count(*) FROM " + schema + ".databasechangelog")) {
        count.next();
        return count.getInt(1);
      }
    }
  }
}
