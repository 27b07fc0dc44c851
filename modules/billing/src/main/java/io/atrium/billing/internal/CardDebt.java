package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace that moves from card (or no method) to an invoice account with a negative balance brings that debt along: it
 * is recorded in {@code billing.carried_debts} and the account's next invoice bills it as its own line (whose settlement
 * credit then brings the balance back). Run in the switch's transaction BEFORE the accounts row changes: it locks the
 * ledgers row first (the order the worker locks in), so no debit lands between the balance read and the switch, and every
 * later debit is stamped with the invoice account (the worker reads the account after locking the ledgers row; see its
 * LedgerReads for a ledgers row that does not exist yet). Debt the ledger already stamped for an invoice account and that is not
 * settled yet is left out: that account's invoice bills it.
 */
final class CardDebt {

  private static final String LOCK_LEDGER = "SELECT balance, currency FROM billing.ledgers WHERE workspace_id = $1 FOR UPDATE";
  private static final String LOCK_ACCOUNT = "SELECT payment_type FROM billing.accounts WHERE workspace_id = $1 FOR UPDATE";
  // Debt that invoices bill or billed and whose settlement credit has not reached the ledger yet.
  private static final String INVOICED_UNSETTLED = """
      SELECT coalesce(sum(amount), 0)::bigint AS amount FROM (
        SELECT coalesce((e.funding->>'unfunded')::bigint, 0) AS amount, e.invoice_id FROM billing.entries e
         WHERE e.workspace_id = $1 AND e.invoice_account_id IS NOT NULL
        UNION ALL
        SELECT c.amount, c.invoice_id FROM billing.carried_debts c WHERE c.workspace_id = $1
      ) d WHERE d.invoice_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM billing.entries s WHERE s.workspace_id = $1 AND s.source_id = 'invoice:' || d.invoice_id)""";
  private static final String CARRY = """
      INSERT INTO billing.carried_debts (id, workspace_id, invoice_account_id, currency, amount, carried_at) VALUES ($1, $2, $3, $4, $5, $6)""";

  private CardDebt() {}

  static Future<Void> carryOver(SqlConnection tx, UUID workspaceId, UUID invoiceAccountId, Instant at) {
    return tx.preparedQuery(LOCK_LEDGER).execute(Tuple.of(workspaceId)).compose(first -> tx.preparedQuery(LOCK_ACCOUNT)
        .execute(Tuple.of(workspaceId))
        // No ledgers row yet: a batch creating it holds the accounts row shared until it commits; read again after it.
        .compose(account -> (first.size() > 0 ? Future.succeededFuture(first) : tx.preparedQuery(LOCK_LEDGER).execute(Tuple.of(workspaceId)))
            .map(ledger -> Map.entry(account, ledger)))
        .compose(locked -> {
          var account = locked.getKey();
          var ledger = locked.getValue();
          boolean wasInvoiced = account.size() == 1 && "invoice".equals(account.iterator().next().getString("payment_type"));
          long balance = ledger.size() == 0 ? 0 : ledger.iterator().next().getLong("balance");
          if (wasInvoiced || balance >= 0) {
            return Future.succeededFuture();
          }
          String currency = ledger.iterator().next().getString("currency").trim();
          return tx.preparedQuery(INVOICED_UNSETTLED).execute(Tuple.of(workspaceId)).compose(rows -> {
            long debt = -balance - rows.iterator().next().getLong("amount");
            return debt <= 0 ? Future.succeededFuture()
                : tx.preparedQuery(CARRY).execute(Tuple.of(UUID.randomUUID(), workspaceId, invoiceAccountId, currency, debt, Times.toDb(at)))
                    .mapEmpty();
          });
        }));
  }
}
