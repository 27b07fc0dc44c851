package io.atrium.billing;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Reachable;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that makes invoices bill ledger entries, run on data made before it: the billing changesets before it are
 * applied to a database of its own, invoices and debits are written as the old invoice runs left them, then the rest runs.
 * An old invoice's debits are marked as billed by it only where they add up to its lines for the workspace, whatever the
 * clocks said.
 */
class BillingMigrationIT {

  private static final int CHANGESETS_BEFORE = 3; // billing-1 .. billing-3: what an installation had before entries were stamped
  private static final Instant SEPT = Instant.parse("2030-09-01T00:00:00Z");
  private static final Instant ISSUED = Instant.parse("2030-11-01T02:00:00Z");

  private final String database = "atrium_billing_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final AtriumConfig config = TestServices.get().config()
      .with(Map.of("pg.url", Reachable.withDatabase(TestServices.get().config().string("pg.url"), database)));
  private Vertx vertx;
  private Connection db;
  private final UUID account = UUID.randomUUID();
  private final UUID invoice = UUID.randomUUID();
  private final Map<String, Integer> positions = new HashMap<>();

  @BeforeEach
  void migrateToBeforeTheChange() throws Exception {
    vertx = Vertx.vertx();
    Database.ensureExists(vertx, config.string("pg.url")).await();
    PgConnectOptions options = Database.connectOptions(config.string("pg.url"));
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    db = DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + database, properties);
    db.createStatement().execute("CREATE SCHEMA billing");
    var liquibaseDb = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(db));
    liquibaseDb.setDefaultSchemaName("billing");
    liquibaseDb.setLiquibaseSchemaName("billing");
    new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibaseDb)
        .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, BillingSchema.CHANGELOG.path())
        .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, CHANGESETS_BEFORE)
        .execute();
    db.setAutoCommit(true);
    db.createStatement().execute("""
        INSERT INTO billing.invoices (id, number, invoice_account_id, organization_id, period, currency, status, subtotal, vat_rate,
                                      vat, total, buyer_name, buyer_address, issued_at)
        VALUES ('%s', 'INV-2030-000001', '%s', '%s', '2030-10', 'EUR', 'issued', 0, 0, 0, 0, 'AP', '1 Street', '%s')"""
        .formatted(invoice, account, UUID.randomUUID(), Timestamp.from(ISSUED)));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    db.close();
    var admin = Database.connectOptions(config.string("pg.url")).setDatabase("postgres");
    io.vertx.pgclient.PgConnection.connect(vertx, admin)
        .compose(conn -> conn.query("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").execute().eventually(conn::close))
        .await();
    vertx.close().await();
  }

  @Test
  void oldInvoicesMarkTheDebitsTheyBilledByTheirLinesNotByClockReadings() throws Exception {
    // A batch recorded before the invoice was issued but committed after its read: the invoice billed 3.00 of 3.50.
    UUID committedLate = workspace(3_000_000);
    debit(committedLate, 1, "2030-10-10T00:00:00Z", 1_000_000, "2030-10-10T00:00:01Z");
    debit(committedLate, 2, "2030-10-20T00:00:00Z", 2_000_000, "2030-10-20T00:00:01Z");
    debit(committedLate, 3, "2030-10-31T23:00:00Z", 500_000, "2030-11-01T01:59:59Z");
    // The worker's clock ran ahead of the invoice run's: a debit the invoice billed was "recorded" after it was issued.
    UUID skewed = workspace(1_500_000);
    debit(skewed, 1, "2030-10-31T23:00:00Z", 1_500_000, "2030-11-01T02:00:05Z");
    // Lines that no prefix of the debits adds up to: nothing is marked, they go on the next invoice.
    UUID unmatched = workspace(9_990_000);
    debit(unmatched, 1, "2030-10-05T00:00:00Z", 1_000_000, "2030-10-05T00:00:01Z");
    // A debit of November is not on October's invoice.
    debit(skewed, 2, "2030-11-01T00:00:00Z", 700_000, "2030-11-01T00:00:02Z");

    Migrations.apply(vertx, config, List.of(BillingSchema.CHANGELOG)).await();

    assertThat(invoiceOf(committedLate, 1)).isEqualTo(invoice);
    assertThat(invoiceOf(committedLate, 2)).isEqualTo(invoice);
    assertThat(invoiceOf(committedLate, 3)).as("not on the invoice's lines: left for the next invoice").isNull();
    assertThat(invoiceOf(skewed, 1)).as("on the invoice's lines, whatever its recorded_at").isEqualTo(invoice);
    assertThat(invoiceOf(skewed, 2)).isNull();
    assertThat(invoiceOf(unmatched, 1)).isNull();
  }

  /** A workspace on the invoice account since September, with {@code lines} on October's invoice. */
  private UUID workspace(long lines) throws Exception {
    UUID ws = UUID.randomUUID();
    execute("INSERT INTO billing.payment_method_periods (workspace_id, payment_type, invoice_account_id, valid_from) VALUES (?, 'invoice', ?, ?)",
        ws, account, Timestamp.from(SEPT));
    execute("INSERT INTO billing.ledgers (workspace_id, currency, last_hash, updated_at) VALUES (?, 'EUR', '\\x00'::bytea, now())", ws);
    int position = positions.size();
    positions.put(ws.toString(), position);
    execute("INSERT INTO billing.invoice_lines (invoice_id, position, workspace_id, description, quantity, amount) VALUES (?, ?, ?, 'Server', 1, ?)",
        invoice, position, ws, lines);
    return ws;
  }

  private void debit(UUID ws, long seq, String occurredAt, long amount, String recordedAt) throws Exception {
    execute("""
        INSERT INTO billing.entries (workspace_id, seq, type, amount, balance_after, description, source_id, funding, occurred_at,
                                     recorded_at, hash)
        VALUES (?, ?, 'consumption', ?, 0, 'plan-1 server', ?, ?::jsonb, ?, ?, '\\x00'::bytea)""",
        ws, seq, -amount, "consumption:" + seq, "{\"unfunded\": " + amount + "}", Timestamp.from(Instant.parse(occurredAt)),
        Timestamp.from(Instant.parse(recordedAt)));
  }

  private UUID invoiceOf(UUID ws, long seq) throws Exception {
    try (PreparedStatement select = db.prepareStatement("SELECT invoice_id FROM billing.entries WHERE workspace_id = ? AND seq = ?")) {
      select.setObject(1, ws);
      select.setLong(2, seq);
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getObject(1, UUID.class);
      }
    }
  }

  private void execute(String sql, Object... args) throws Exception {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    }
  }
}
