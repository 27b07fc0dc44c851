package io.atrium.worker.internal.invoicing;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * DESIGN.md invariant 8 over every entry, for the ledger verifier: an entry billed by an invoice is a consumption or usage debit
 * stamped with that invoice's account and made before the end of its period; and, per invoice and workspace, the invoice's
 * lines add up to what the entries it marked left unfunded plus the debt carried over to it. An entry holds one invoice id,
 * so together: each debit is billed at most once, and every debit an invoice bills is on it.
 */
public final class InvoiceChecks {

  /** A broken rule, named by workspace. */
  public record Finding(UUID workspaceId, String what) {}

  private static final String MISBILLED = """
      SELECT e.workspace_id, e.seq, e.type, e.payer, i.id IS NULL AS missing
      FROM billing.entries e LEFT JOIN billing.invoices i ON i.id = e.invoice_id
      WHERE e.invoice_id IS NOT NULL AND (i.id IS NULL OR e.type NOT IN ('consumption', 'usage') OR e.payer IS DISTINCT FROM 'invoice'
        OR e.invoice_account_id IS DISTINCT FROM i.invoice_account_id
        OR e.occurred_at >= (to_date(i.period, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC')
      ORDER BY e.workspace_id, e.seq LIMIT 100""";
  // Invoices with marked entries only: invoices made before entries were marked have none (and were checked when made).
  private static final String TOTALS = """
      WITH billed AS (
        SELECT invoice_id, workspace_id, sum(coalesce((funding->>'unfunded')::bigint, 0)) AS amount FROM billing.entries
         WHERE invoice_id IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT invoice_id, workspace_id, sum(amount) FROM billing.carried_debts WHERE invoice_id IS NOT NULL GROUP BY 1, 2
      ), expected AS (SELECT invoice_id, workspace_id, sum(amount) AS amount FROM billed GROUP BY 1, 2),
      lines AS (
        SELECT l.invoice_id, l.workspace_id, sum(l.amount) AS amount FROM billing.invoice_lines l
         WHERE l.invoice_id IN (SELECT invoice_id FROM expected) GROUP BY 1, 2
      )
      SELECT coalesce(x.invoice_id, l.invoice_id) AS invoice_id, coalesce(x.workspace_id, l.workspace_id) AS workspace_id,
             coalesce(x.amount, 0)::bigint AS expected, coalesce(l.amount, 0)::bigint AS lines
      FROM expected x FULL JOIN lines l ON l.invoice_id = x.invoice_id AND l.workspace_id = x.workspace_id
      WHERE coalesce(x.amount, 0) <> coalesce(l.amount, 0) LIMIT 100""";

  private InvoiceChecks() {}

  public static Future<List<Finding>> run(SqlConnection tx) {
    List<Finding> findings = new ArrayList<>();
    return tx.query(MISBILLED).execute().compose(rows -> {
      rows.forEach(r -> findings.add(new Finding(r.getUUID("workspace_id"), "seq " + r.getLong("seq") + ": "
          + (r.getBoolean("missing") ? "billed by an invoice that does not exist"
          : "a " + r.getString("type") + " entry stamped " + r.getString("payer") + " is billed by an invoice of another account or period"))));
      return tx.query(TOTALS).execute();
    }).map(rows -> {
      rows.forEach(r -> findings.add(new Finding(r.getUUID("workspace_id"), "invoice " + r.getUUID("invoice_id") + " has lines of "
          + r.getLong("lines") + " for the workspace, but the entries it billed come to " + r.getLong("expected"))));
      return findings;
    });
  }
}
