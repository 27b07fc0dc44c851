package io.atrium.worker.internal.invoicing;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The SQL of an invoice run's transaction. */
final class InvoiceStore {

  record Account(UUID id, UUID organizationId, String name, String billingEmail, String address, String vatId, BigDecimal vatRate) {}

  // Locked: one account's invoices are made one transaction at a time.
  private static final String LOCK_ACCOUNT = """
      SELECT id, organization_id, name, billing_email, address, vat_id, vat_rate FROM billing.invoice_accounts WHERE id = $1 FOR UPDATE""";
  private static final String INVOICED = "SELECT currency FROM billing.invoices WHERE invoice_account_id = $1 AND period = $2";
  // The currencies of the account's open (not yet invoiced) debits and carried debts before the cut-off $2.
  private static final String OPEN_CURRENCIES = """
      SELECT DISTINCT g.currency FROM billing.entries e JOIN billing.ledgers g ON g.workspace_id = e.workspace_id
       WHERE e.invoice_account_id = $1 AND e.invoice_id IS NULL AND e.occurred_at < $2 AND e.type IN ('consumption', 'usage')
      UNION
      SELECT currency FROM billing.carried_debts WHERE invoice_account_id = $1 AND invoice_id IS NULL AND carried_at < $2""";
  // What the invoice bills is exactly what it marks: the stamp ($1, the account) and invoice_id IS NULL are checked again on
  // rows a concurrent transaction changed, so no entry is ever marked by two invoices.
  private static final String MARK_ENTRIES = """
      UPDATE billing.entries e SET invoice_id = $4 FROM billing.ledgers g
       WHERE g.workspace_id = e.workspace_id AND g.currency = $3 AND e.invoice_account_id = $1 AND e.invoice_id IS NULL
         AND e.occurred_at < $2 AND e.type IN ('consumption', 'usage')""";
  private static final String MARK_CARRIED = """
      UPDATE billing.carried_debts SET invoice_id = $4
       WHERE invoice_account_id = $1 AND currency = $3 AND invoice_id IS NULL AND carried_at < $2""";
  // The debits marked with invoice $1, summed per plan (consumption entries' descriptions start with the plan id, WorkspaceBook)
  // and per meter (usage entries' events, found by the batch in their source id "usage:<batch>", LedgerJob), the credits that
  // funded them, and the carried debts.
  private static final String BILLED = """
      WITH debits AS (
        SELECT e.workspace_id, g.currency, e.type, e.description, -e.amount AS amount,
               CASE WHEN e.type = 'usage' AND e.source_id ~ '^usage:[0-9a-f-]{36}$' THEN substr(e.source_id, 7)::uuid END AS batch_id,
               -e.amount - coalesce((e.funding->>'unfunded')::bigint, 0) AS funded
        FROM billing.entries e JOIN billing.ledgers g ON g.workspace_id = e.workspace_id
        WHERE e.invoice_id = $1
      )
      SELECT workspace_id, currency, 'consumption' AS kind, split_part(description, ' ', 1) AS item, count(*)::numeric AS quantity,
             sum(amount)::bigint AS amount
        FROM debits WHERE type = 'consumption' GROUP BY 1, 2, 4
      UNION ALL
      SELECT d.workspace_id, d.currency, 'usage', u.meter, sum(u.quantity), sum(u.amount)::bigint
        FROM debits d JOIN billing.usage_events u ON u.batch_id = d.batch_id AND u.workspace_id = d.workspace_id
       WHERE d.type = 'usage' GROUP BY 1, 2, 4
      UNION ALL
      SELECT workspace_id, currency, 'credits', '', 1::numeric, sum(funded)::bigint FROM debits GROUP BY 1, 2 HAVING sum(funded) > 0
      UNION ALL
      SELECT workspace_id, currency, 'carried', '', 1::numeric, sum(amount)::bigint FROM billing.carried_debts WHERE invoice_id = $1
       GROUP BY 1, 2""";
  // The year's counter row stays locked until the invoice commits: a rollback gives its number back.
  private static final String NEXT_NUMBER = """
      INSERT INTO billing.invoice_number_counters (year, last_number) VALUES ($1, 1)
      ON CONFLICT (year) DO UPDATE SET last_number = billing.invoice_number_counters.last_number + 1 RETURNING last_number""";
  private static final String INSERT_INVOICE = """
      INSERT INTO billing.invoices (id, number, invoice_account_id, organization_id, period, currency, status, subtotal, vat_rate, vat,
                                    total, buyer_name, buyer_address, buyer_vat_id, issued_at)
      VALUES ($1, $2, $3, $4, $5, $6, 'issued', $7, $8, $9, $10, $11, $12, $13, $14)""";
  private static final String INSERT_LINES = """
      INSERT INTO billing.invoice_lines (invoice_id, position, workspace_id, description, quantity, amount)
      SELECT $1, p, w, d, q, a FROM unnest($2::int[], $3::uuid[], $4::text[], $5::numeric[], $6::bigint[]) AS x(p, w, d, q, a)""";

  private InvoiceStore() {}

  static Future<Optional<Account>> lockAccount(SqlConnection tx, UUID accountId) {
    return tx.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(accountId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Account(r.getUUID("id"), r.getUUID("organization_id"), r.getString("name"), r.getString("billing_email"),
          r.getString("address"), r.getString("vat_id"), r.getBigDecimal("vat_rate")));
    });
  }

  static Future<Set<String>> invoicedCurrencies(SqlConnection tx, UUID accountId, String period) {
    return tx.preparedQuery(INVOICED).execute(Tuple.of(accountId, period)).map(rows -> {
      Set<String> currencies = new HashSet<>();
      rows.forEach(row -> currencies.add(row.getString("currency").trim()));
      return currencies;
    });
  }

  static Future<Set<String>> openCurrencies(SqlConnection tx, UUID accountId, Instant cutoff) {
    return tx.preparedQuery(OPEN_CURRENCIES).execute(Tuple.of(accountId, Times.toDb(cutoff))).map(rows -> {
      Set<String> currencies = new TreeSet<>();
      rows.forEach(row -> currencies.add(row.getString("currency").trim()));
      return currencies;
    });
  }

  /** Marks the account's open debits and carried debts in {@code currency} before the cut-off as billed by {@code invoiceId}. */
  static Future<Integer> mark(SqlConnection tx, UUID accountId, String currency, Instant cutoff, UUID invoiceId) {
    Tuple args = Tuple.of(accountId, Times.toDb(cutoff), currency, invoiceId);
    return tx.preparedQuery(MARK_ENTRIES).execute(args).compose(entries -> tx.preparedQuery(MARK_CARRIED).execute(args)
        .map(carried -> entries.rowCount() + carried.rowCount()));
  }

  /** What invoice {@code invoiceId} bills, summed for its lines. */
  static Future<List<InvoicePlanner.Debits>> billed(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery(BILLED).execute(Tuple.of(invoiceId)).map(rows -> {
      List<InvoicePlanner.Debits> debits = new ArrayList<>();
      rows.forEach(r -> debits.add(new InvoicePlanner.Debits(r.getUUID("workspace_id"), r.getString("currency").trim(),
          r.getString("kind"), r.getString("item"), r.getBigDecimal("quantity"), r.getLong("amount"))));
      return debits;
    });
  }

  static Future<Long> nextNumber(SqlConnection tx, int year) {
    return tx.preparedQuery(NEXT_NUMBER).execute(Tuple.of(year)).map(rows -> rows.iterator().next().getLong("last_number"));
  }

  static Future<Void> insert(SqlConnection tx, UUID invoiceId, String number, Account account, String period,
                             InvoicePlanner.Draft draft, Instant issuedAt) {
    Tuple invoice = Tuple.tuple().addValue(invoiceId).addValue(number).addValue(account.id()).addValue(account.organizationId())
        .addValue(period).addValue(draft.currency()).addValue(draft.subtotal()).addValue(account.vatRate()).addValue(draft.vat())
        .addValue(draft.total()).addValue(account.name()).addValue(account.address()).addValue(account.vatId())
        .addValue(Times.toDb(issuedAt));
    List<InvoicePlanner.Line> lines = draft.lines();
    Tuple lineRows = Tuple.of(invoiceId,
        java.util.stream.IntStream.range(0, lines.size()).boxed().toArray(Integer[]::new),
        lines.stream().map(InvoicePlanner.Line::workspaceId).toArray(UUID[]::new),
        lines.stream().map(InvoicePlanner.Line::description).toArray(String[]::new),
        lines.stream().map(InvoicePlanner.Line::quantity).toArray(BigDecimal[]::new),
        lines.stream().map(InvoicePlanner.Line::amount).toArray(Long[]::new));
    return tx.preparedQuery(INSERT_INVOICE).execute(invoice)
        .compose(inserted -> tx.preparedQuery(INSERT_LINES).execute(lineRows)).mapEmpty();
  }
}
