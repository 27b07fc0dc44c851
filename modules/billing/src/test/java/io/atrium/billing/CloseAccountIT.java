package io.atrium.billing;

import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.testing.Rejections;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a workspace closes its billing account, and a card workspace's debt follows it onto an invoice account. */
class CloseAccountIT extends BillingHarness {

  @Test
  void aWorkspaceIsNotDeletedWhileATopUpIsPendingOrCreditIsLeftAndItsClosedAccountTakesNoTopUp() {
    JsonObject owner = user("Dora Deleter");
    JsonObject ws = workspace(owner, organization(owner));
    String wsId = ws.getString("id");
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    // No relay runs here, so the top-up stays pending.
    String topUp = ask(BillingAddresses.REQUEST_TOP_UP, in(owner, ws).put("amount", "10.00")).getString("id");

    assertThat(rejection(WorkspaceAddresses.DELETE, in(owner, ws)).code()).isEqualTo(Codes.TOP_UP_PENDING);
    assertThat(closedAt(wsId)).isNull();

    // The top-up succeeded: a ledger with 10.00 on it.
    pool.preparedQuery("UPDATE billing.top_ups SET status = 'succeeded', completed_at = now() WHERE id = $1::uuid").execute(Tuple.of(topUp)).await();
    pool.preparedQuery("INSERT INTO billing.ledgers (workspace_id, currency, balance, last_seq, last_hash, updated_at) VALUES ($1::uuid, 'EUR', 10000000, 1, '\\x00', now())")
        .execute(Tuple.of(wsId)).await();
    assertThat(rejection(WorkspaceAddresses.DELETE, in(owner, ws)).code()).isEqualTo(Codes.BALANCE_NOT_ZERO);
    assertThat(ask(WorkspaceAddresses.GET, in(owner, ws)).getString("id")).isEqualTo(wsId);

    pool.preparedQuery("UPDATE billing.ledgers SET balance = 0 WHERE workspace_id = $1::uuid").execute(Tuple.of(wsId)).await();
    ask(WorkspaceAddresses.DELETE, in(owner, ws));
    assertThat(closedAt(wsId)).isNotNull();
    // A request that got past the access check before the deletion is still refused by the closed account.
    assertThat(count("SELECT count(*) FROM billing.top_ups WHERE workspace_id = $1::uuid", wsId)).isEqualTo(1);
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, in(owner, ws).put("amount", "10.00")).code()).isEqualTo(Codes.NOT_FOUND);
    // Nor does an operator's grant reach a deleted workspace.
    assertThat(rejection(BillingAddresses.GRANT_CREDITS, operator().put("workspaceId", wsId).put("amount", "5.00").put("reason", "late"))
        .code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(jobs(BillingJobs.CREDIT_GRANT, wsId)).isEmpty();
  }

  @Test
  void aGrantRacingTheClosingOfTheAccountIsNotQueuedAfterIt() throws Exception {
    JsonObject owner = user("Gus Granted");
    JsonObject ws = workspace(owner, organization(owner));
    String wsId = ws.getString("id");
    billByInvoice(owner, ws);
    // Billing is closing the account (as CloseAccount does: row locked, closed, not committed yet) when a grant comes in.
    SqlConnection closing = pool.getConnection().await();
    try {
      var tx = closing.begin().await();
      closing.preparedQuery("SELECT closed_at FROM billing.accounts WHERE workspace_id = $1::uuid FOR UPDATE").execute(Tuple.of(wsId)).await();
      closing.preparedQuery("UPDATE billing.accounts SET closed_at = now() WHERE workspace_id = $1::uuid").execute(Tuple.of(wsId)).await();
      var grant = Bus.request(vertx, BillingAddresses.GRANT_CREDITS, operator().put("workspaceId", wsId).put("amount", "5.00").put("reason", "race"));
      Thread.sleep(500);
      tx.commit().await();
      assertThat(Rejections.rejectionOf(grant).code()).isEqualTo(Codes.NOT_FOUND);
    } finally {
      closing.close().await();
    }
    assertThat(jobs(BillingJobs.CREDIT_GRANT, wsId)).as("no grant queued for a closed account").isEmpty();
  }

  @Test
  void switchingFromCardToInvoiceAsksTheWorkerToCarryTheDebtToTheInvoiceAccount() {
    JsonObject owner = user("Carl Carried");
    JsonObject ws = workspace(owner, organization(owner));
    String wsId = ws.getString("id");
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    assertThat(jobs(BillingJobs.CARRY_DEBT, wsId)).isEmpty();

    // The switch and its job commit together; the worker measures the debt in the ledger (worker/: LedgerInvoicingIT).
    String account = billByInvoice(owner, ws);
    List<JsonObject> jobs = jobs(BillingJobs.CARRY_DEBT, wsId);
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getString("invoiceAccountId")).isEqualTo(account);
    assertThat(jobs.get(0).getString("currency")).isEqualTo("EUR");
    assertThat(jobs.get(0).getString("switchedAt")).isNotBlank();
    assertThat(count("SELECT count(*) FROM billing.carried_debts WHERE workspace_id = $1::uuid", wsId)).as("only the worker writes it").isZero();

    // Invoice to invoice carries nothing more: that debt is the first account's to bill.
    billByInvoice(owner, ws);
    assertThat(jobs(BillingJobs.CARRY_DEBT, wsId)).hasSize(1);
  }

  private static Object closedAt(String workspaceId) {
    return pool.preparedQuery("SELECT closed_at FROM billing.accounts WHERE workspace_id = $1::uuid").execute(Tuple.of(workspaceId)).await()
        .iterator().next().getValue("closed_at");
  }
}
