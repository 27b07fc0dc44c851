package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

final class SqlAccounts implements Accounts {

  private static final String COLUMNS = "workspace_id, organization_id, currency, payment_type, card_reference, card_brand, card_last4,"
      + " card_exp_month, card_exp_year, invoice_account_id, low_balance_threshold, auto_top_up_mode, auto_top_up_threshold, auto_top_up_amount,"
      + " auto_top_up_target, auto_top_up_monthly_cap, budget_monthly, budget_action, closed_at";
  private static final String OPEN = """
      WITH inserted AS (
        INSERT INTO billing.accounts (workspace_id, organization_id, currency, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
        ON CONFLICT (workspace_id) DO NOTHING RETURNING\s""" + COLUMNS + """
      )
      SELECT\s""" + COLUMNS + " FROM inserted UNION ALL SELECT " + COLUMNS + " FROM billing.accounts WHERE workspace_id = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM billing.accounts WHERE workspace_id = $1";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  private static final String CARD = """
      UPDATE billing.accounts SET payment_type = 'card', card_reference = $2, card_brand = $3, card_last4 = $4, card_exp_month = $5,
        card_exp_year = $6, invoice_account_id = NULL, updated_at = $7 WHERE workspace_id = $1 RETURNING\s""" + COLUMNS;
  private static final String INVOICE = """
      UPDATE billing.accounts SET payment_type = 'invoice', invoice_account_id = $2, card_reference = NULL, card_brand = NULL,
        card_last4 = NULL, card_exp_month = NULL, card_exp_year = NULL, updated_at = $3 WHERE workspace_id = $1 RETURNING\s""" + COLUMNS;
  // The payment-method history: the open period closes and a new one opens, only when the method really changes.
  private static final String CLOSE_PERIOD = """
      UPDATE billing.payment_method_periods SET valid_to = $4
       WHERE workspace_id = $1 AND valid_to IS NULL AND (payment_type <> $2 OR invoice_account_id IS DISTINCT FROM $3)""";
  private static final String OPEN_PERIOD = """
      INSERT INTO billing.payment_method_periods (workspace_id, payment_type, invoice_account_id, valid_from)
      SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM billing.payment_method_periods WHERE workspace_id = $1 AND valid_to IS NULL)""";
  private static final String SETTINGS = """
      UPDATE billing.accounts SET low_balance_threshold = $2, auto_top_up_mode = $3, auto_top_up_threshold = $4, auto_top_up_amount = $5,
        auto_top_up_target = $6, auto_top_up_monthly_cap = $7, auto_top_up_set_at = CASE WHEN $8 THEN $11 ELSE auto_top_up_set_at END,
        budget_monthly = $9, budget_action = $10, updated_at = $11
       WHERE workspace_id = $1 RETURNING\s""" + COLUMNS;

  private final SqlClient client;

  SqlAccounts(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Account> open(UUID workspaceId, UUID organizationId, String currency, Instant at) {
    return client.preparedQuery(OPEN).execute(Tuple.of(workspaceId, organizationId, currency, Times.toDb(at))).map(SqlAccounts::first);
  }

  @Override
  public Future<Optional<Account>> byId(UUID workspaceId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(workspaceId)).map(rows -> Optional.ofNullable(first(rows)));
  }

  @Override
  public Future<Optional<Account>> lock(UUID workspaceId) {
    return client.preparedQuery(LOCK).execute(Tuple.of(workspaceId)).map(rows -> Optional.ofNullable(first(rows)));
  }

  @Override
  public Future<Account> payByCard(UUID workspaceId, Account.Card card, Instant at) {
    Tuple args = Tuple.of(workspaceId, card.reference(), card.brand(), card.last4(), card.expMonth(), card.expYear(), Times.toDb(at));
    return client.preparedQuery(CARD).execute(args).map(SqlAccounts::first)
        .compose(account -> recordPeriod(workspaceId, Account.CARD, null, at).map(account));
  }

  @Override
  public Future<Account> payByInvoice(UUID workspaceId, UUID invoiceAccountId, Instant at) {
    return client.preparedQuery(INVOICE).execute(Tuple.of(workspaceId, invoiceAccountId, Times.toDb(at))).map(SqlAccounts::first)
        .compose(account -> recordPeriod(workspaceId, Account.INVOICE, invoiceAccountId, at).map(account));
  }

  @Override
  public Future<Account> changeSettings(UUID workspaceId, Long lowBalanceThreshold, Account.AutoTopUp autoTopUp,
                                        boolean autoTopUpSet, Account.Budget budget, Instant at) {
    boolean on = autoTopUp != null;
    Tuple args = Tuple.tuple().addValue(workspaceId).addValue(lowBalanceThreshold).addValue(on ? autoTopUp.mode() : null)
        .addValue(on ? autoTopUp.threshold() : null).addValue(on ? autoTopUp.amount() : null).addValue(on ? autoTopUp.target() : null)
        .addValue(on ? autoTopUp.monthlyCap() : null).addValue(autoTopUpSet).addValue(budget == null ? null : budget.monthly())
        .addValue(budget == null ? null : budget.action()).addValue(Times.toDb(at));
    return client.preparedQuery(SETTINGS).execute(args).map(SqlAccounts::first);
  }

  /** Run in the change's transaction (the accounts row lock orders concurrent changes of one workspace). */
  private Future<Void> recordPeriod(UUID workspaceId, String type, UUID invoiceAccountId, Instant at) {
    Tuple args = Tuple.of(workspaceId, type, invoiceAccountId, Times.toDb(at));
    return client.preparedQuery(CLOSE_PERIOD).execute(args).compose(closed -> client.preparedQuery(OPEN_PERIOD).execute(args)).mapEmpty();
  }

  private static Account first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : account(rows.iterator().next());
  }

  private static Account account(Row row) {
    Account.Card card = row.getString("card_reference") == null ? null : new Account.Card(row.getString("card_reference"),
        row.getString("card_brand"), row.getString("card_last4"), row.getInteger("card_exp_month"), row.getInteger("card_exp_year"));
    // Off while the mode is null (billing-7 gave every older setting the mode 'fixed').
    String mode = row.getString("auto_top_up_mode");
    Account.AutoTopUp auto = mode == null ? null : new Account.AutoTopUp(mode, row.getLong("auto_top_up_threshold"),
        row.getLong("auto_top_up_amount"), row.getLong("auto_top_up_target"), row.getLong("auto_top_up_monthly_cap"));
    Long budgetMonthly = row.getLong("budget_monthly");
    Account.Budget budget = budgetMonthly == null ? null : new Account.Budget(budgetMonthly, row.getString("budget_action"));
    return new Account(row.getUUID("workspace_id"), row.getUUID("organization_id"), row.getString("currency").trim(),
        row.getString("payment_type"), card, row.getUUID("invoice_account_id"), row.getLong("low_balance_threshold"), auto, budget,
        row.getValue("closed_at") != null);
  }
}
