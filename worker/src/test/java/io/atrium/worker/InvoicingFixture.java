package io.atrium.worker;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.OutboxMessage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Invoice accounts, payment-method switches as the API writes them, invoice runs and what they billed, for the ledger's tests. */
final class InvoicingFixture {

  private final LedgerHarness h;

  InvoicingFixture(LedgerHarness h) {
    this.h = h;
  }

  UUID invoiceAccount() {
    UUID id = UUID.randomUUID();
    h.pool.preparedQuery("""
            INSERT INTO billing.invoice_accounts (id, organization_id, name, billing_email, address, vat_rate, created_at)
            VALUES ($1, $2, 'Ada Ltd', 'ap@example.com', '1 Way', 0.2, now())""").execute(Tuple.of(id, UUID.randomUUID())).await();
    return id;
  }

  /** A card workspace whose card period opened at {@code since}. */
  UUID cardWorkspace(Instant since) {
    UUID ws = h.workspace();
    h.account(ws, "card", h.card("tok_visa"), null, null, null);
    openPeriod(ws, "card", null, since);
    return ws;
  }

  /** What the API's switch commits (SqlAccounts): the account's method, and the history's period closed and opened at {@code at}. */
  void switchTo(UUID ws, UUID invoiceAccount, Instant at) {
    h.pool.preparedQuery("""
            UPDATE billing.accounts SET payment_type = $2, invoice_account_id = $3,
              card_reference = CASE WHEN $3::uuid IS NULL THEN $4 END WHERE workspace_id = $1""")
        .execute(Tuple.from(Arrays.asList(ws, invoiceAccount == null ? "card" : "invoice", invoiceAccount, h.card("tok_visa")))).await();
    h.pool.preparedQuery("UPDATE billing.payment_method_periods SET valid_to = $2 WHERE workspace_id = $1 AND valid_to IS NULL")
        .execute(Tuple.of(ws, at.atOffset(java.time.ZoneOffset.UTC))).await();
    openPeriod(ws, invoiceAccount == null ? "card" : "invoice", invoiceAccount, at);
  }

  /** The CARRY_DEBT job the switch to {@code invoiceAccount} at {@code at} queued. */
  OutboxMessage carryDebt(UUID ws, UUID invoiceAccount, Instant at) {
    return h.job(ws, BillingJobs.CARRY_DEBT, new JsonObject().put("invoiceAccountId", invoiceAccount.toString()).put("switchedAt", at.toString()));
  }

  private void openPeriod(UUID ws, String type, UUID invoiceAccount, Instant from) {
    h.pool.preparedQuery("INSERT INTO billing.payment_method_periods (workspace_id, payment_type, invoice_account_id, valid_from) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.from(Arrays.asList(ws, type, invoiceAccount, from.atOffset(java.time.ZoneOffset.UTC)))).await();
  }

  OutboxMessage invoiceRun(UUID account, String period) {
    JsonObject payload = new JsonObject().put("runId", UUID.randomUUID().toString()).put("invoiceAccountId", account.toString())
        .put("period", period);
    return OutboxMessage.billingJob(account, BillingJobs.INVOICE_RUN, payload, h.config.integer("billing.partitions"));
  }

  List<Row> invoices(UUID account) {
    List<Row> rows = new ArrayList<>();
    h.pool.preparedQuery("SELECT * FROM billing.invoices WHERE invoice_account_id = $1 ORDER BY number").execute(Tuple.of(account)).await()
        .forEach(rows::add);
    return rows;
  }

  /** The lines of an invoice as "description quantity amount". */
  List<String> lines(UUID invoice) {
    List<String> lines = new ArrayList<>();
    h.pool.preparedQuery("SELECT description, quantity, amount FROM billing.invoice_lines WHERE invoice_id = $1 ORDER BY position")
        .execute(Tuple.of(invoice)).await()
        .forEach(r -> lines.add(r.getString("description") + " " + r.getBigDecimal("quantity").stripTrailingZeros().toPlainString() + " "
            + r.getLong("amount")));
    return lines;
  }

  /** The workspace's carried debts as "id account currency amount carried_at". */
  List<String> carriedDebts(UUID ws) {
    List<String> debts = new ArrayList<>();
    h.pool.preparedQuery("SELECT id, invoice_account_id, currency, amount, carried_at FROM billing.carried_debts WHERE workspace_id = $1")
        .execute(Tuple.of(ws)).await().forEach(r -> debts.add(r.getUUID("id") + " " + r.getUUID("invoice_account_id") + " "
            + r.getString("currency").trim() + " " + r.getLong("amount") + " " + r.getOffsetDateTime("carried_at").toInstant()));
    return debts;
  }
}
