package io.atrium.worker.internal.ledger;

import io.atrium.platform.Times;
import io.atrium.worker.Job;
import io.atrium.worker.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Applies a {@code CARRY_DEBT} job (BillingJobs): a workspace moved from card to an invoice account with a negative balance
 * brings that debt along, recorded in {@code billing.carried_debts} under the job's id; the account's next invoice bills it as
 * its own line, whose settlement credit brings the balance back. Measured under the ledgers row lock, in the partition's order:
 * the switch committed before its job was queued, so every debit the ledger applied since is stamped with the invoice account
 * and billed by it, and is left out here like any other debt an invoice bills or billed and whose settlement has not landed.
 * A redelivery finds its row and carries nothing more.
 *
 * <p>The job may run long after its switch (a backlog, a stopped worker, a replayed dead letter). It carries only the debt of the
 * card period its switch ended: if the workspace went back to card since ({@code billing.payment_method_periods}), nothing is
 * carried, since the balance now mixes in card-stamped debits of the later card period. The debt stays the card's (top-ups
 * pay it), and the next card-to-invoice switch's own job carries it. A later move from one invoice account to another carries
 * nothing new: the debt measured here goes to the account this switch chose, the only one that bills it.
 */
public final class CarryDebtHandler implements JobHandler {

  private static final String LOCK_LEDGER = "SELECT balance, currency FROM billing.ledgers WHERE workspace_id = $1 FOR UPDATE";
  // A card period opened after the period this job's switch opened (invoice account $2 from $3). Ids, not clocks: the
  // switches of one workspace insert their periods one at a time under its accounts row lock, and API clocks may disagree.
  private static final String BACK_ON_CARD = """
      SELECT 1 FROM billing.payment_method_periods c WHERE c.workspace_id = $1 AND c.payment_type = 'card' AND c.id > (
        SELECT max(i.id) FROM billing.payment_method_periods i
         WHERE i.workspace_id = $1 AND i.payment_type = 'invoice' AND i.invoice_account_id = $2 AND i.valid_from = $3) LIMIT 1""";
  private static final String CARRIED = "SELECT 1 FROM billing.carried_debts WHERE id = $1";
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

  private final Pool pool;

  public CarryDebtHandler(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> handle(Job job) {
    UUID workspaceId;
    UUID invoiceAccountId;
    Instant switchedAt;
    try {
      workspaceId = UUID.fromString(job.payload().getString("workspaceId"));
      invoiceAccountId = UUID.fromString(job.payload().getString("invoiceAccountId"));
      switchedAt = Times.parse(job.payload().getString("switchedAt")).truncatedTo(ChronoUnit.MICROS);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("carry-debt job " + job.id() + " has a bad payload", e));
    }
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_LEDGER).execute(Tuple.of(workspaceId)).compose(ledgers -> {
      Row ledger = ledgers.size() == 0 ? null : ledgers.iterator().next();
      if (ledger == null || ledger.getLong("balance") >= 0) {
        return Future.succeededFuture();
      }
      long balance = ledger.getLong("balance");
      String currency = ledger.getString("currency").trim();
      return tx.preparedQuery(BACK_ON_CARD).execute(Tuple.of(workspaceId, invoiceAccountId, Times.toDb(switchedAt))).compose(card -> card.size() > 0
          ? Future.succeededFuture() : tx.preparedQuery(CARRIED).execute(Tuple.of(job.id())).compose(carried -> carried.size() > 0
          ? Future.succeededFuture() : tx.preparedQuery(INVOICED_UNSETTLED).execute(Tuple.of(workspaceId)).compose(rows -> {
            long debt = -balance - rows.iterator().next().getLong("amount");
            return debt <= 0 ? Future.succeededFuture() : tx.preparedQuery(CARRY)
                .execute(Tuple.of(job.id(), workspaceId, invoiceAccountId, currency, debt, Times.toDb(switchedAt))).mapEmpty();
          })));
    }));
  }
}
