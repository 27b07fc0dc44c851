package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class SqlInvoices implements Invoices {

  // Accounts a workspace was on during the month, and accounts with debits or carried debts before its end not billed yet.
  private static final String ACCOUNTS_IN = """
      SELECT invoice_account_id FROM billing.payment_method_periods
       WHERE invoice_account_id IS NOT NULL AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $1)
      UNION
      SELECT DISTINCT invoice_account_id FROM billing.entries
       WHERE invoice_account_id IS NOT NULL AND invoice_id IS NULL AND occurred_at < $2
      UNION
      SELECT invoice_account_id FROM billing.carried_debts WHERE invoice_id IS NULL AND carried_at < $2
       ORDER BY invoice_account_id""";
  private static final String PERIOD_RUN = """
      SELECT EXISTS (SELECT 1 FROM billing.invoice_runs WHERE period = $1) AS ran,
             EXISTS (SELECT 1 FROM billing.consumption_runs WHERE hour = $2) AS hour_queued""";
  private static final String RECORD_RUN = """
      INSERT INTO billing.invoice_runs (id, period, requested_by, requested_at, jobs) VALUES ($1, $2, $3, $4, $5)""";
  // Invoices and their lines in one statement; lines in position order.
  private static final String SELECT = """
      SELECT i.id, i.number, i.invoice_account_id, i.organization_id, i.period, i.currency, i.status, i.subtotal, i.vat_rate, i.vat,
             i.total, i.buyer_name, i.buyer_address, i.buyer_vat_id, i.issued_at, l.workspace_id, l.description, l.quantity, l.amount
      FROM billing.invoices i JOIN billing.invoice_lines l ON l.invoice_id = i.id""";
  private static final String BY_ID = SELECT + " WHERE i.id = $1 ORDER BY l.position";
  private static final String WITH_WORKSPACE = SELECT + " " + """
       WHERE i.id IN (SELECT i2.id FROM billing.invoices i2
                       WHERE EXISTS (SELECT 1 FROM billing.invoice_lines l2 WHERE l2.invoice_id = i2.id AND l2.workspace_id = $1)
                         AND ($2::text IS NULL OR i2.number < $2)
                       ORDER BY i2.number DESC LIMIT $3)
       ORDER BY i.number DESC, l.position""";

  private final SqlClient client;

  SqlInvoices(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<List<UUID>> accountsInvoicedIn(Instant from, Instant to) {
    return client.preparedQuery(ACCOUNTS_IN).execute(Tuple.of(Times.toDb(from), Times.toDb(to))).map(rows -> {
      List<UUID> accounts = new ArrayList<>();
      rows.forEach(row -> accounts.add(row.getUUID("invoice_account_id")));
      return accounts;
    });
  }

  @Override
  public Future<Void> recordRun(UUID runId, String period, String requestedBy, Instant at, int jobs) {
    return client.preparedQuery(RECORD_RUN).execute(Tuple.of(runId, period, requestedBy, Times.toDb(at), jobs)).mapEmpty();
  }

  @Override
  public Future<Optional<Invoice>> byId(UUID invoiceId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(invoiceId)).map(rows -> invoices(rows).stream().findFirst());
  }

  @Override
  public Future<List<Invoice>> withWorkspace(UUID workspaceId, String beforeNumber, int limit) {
    return client.preparedQuery(WITH_WORKSPACE).execute(Tuple.of(workspaceId, beforeNumber, limit)).map(SqlInvoices::invoices);
  }

  @Override
  public Future<PeriodRun> periodRun(String period, Instant lastHour) {
    return client.preparedQuery(PERIOD_RUN).execute(Tuple.of(period, Times.toDb(lastHour))).map(rows -> {
      Row row = rows.iterator().next();
      return new PeriodRun(row.getBoolean("ran"), row.getBoolean("hour_queued"));
    });
  }

  private static List<Invoice> invoices(RowSet<Row> rows) {
    Map<UUID, Invoice> invoices = new LinkedHashMap<>();
    for (Row row : rows) {
      Invoice invoice = invoices.computeIfAbsent(row.getUUID("id"), id -> new Invoice(id, row.getString("number"),
          row.getUUID("invoice_account_id"), row.getUUID("organization_id"), row.getString("period"), row.getString("currency").trim(),
          row.getString("status"), row.getLong("subtotal"), row.getBigDecimal("vat_rate"), row.getLong("vat"), row.getLong("total"),
          new Invoice.Buyer(row.getString("buyer_name"), row.getString("buyer_address"), row.getString("buyer_vat_id")),
          Times.fromDb(row, "issued_at"), new ArrayList<>()));
      invoice.lines().add(new Invoice.Line(row.getUUID("workspace_id"), row.getString("description"), row.getBigDecimal("quantity"),
          row.getLong("amount")));
    }
    return List.copyOf(invoices.values());
  }
}
