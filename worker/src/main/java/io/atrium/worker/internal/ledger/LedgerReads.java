package io.atrium.worker.internal.ledger;

import io.atrium.billing.Runway;
import io.atrium.billing.SpendEntries;
import io.atrium.platform.Database;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch reads inside its transaction, each in one statement for all the batch's workspaces. The statements are
 * sent together on the transaction's connection: PostgreSQL runs them in the order sent, so the reads after the lock still
 * see what was committed before it. Those planned each time ({@link Database#PLANNED_EACH_TIME}) are prepared first,
 * which holds the pipeline for a round trip each: a batch waits for about four round trips instead of two.
 */
final class LedgerReads {

  /** The workspaces' state at the start of the batch, and what the planner needs to know besides. */
  record Snapshot(Map<UUID, LedgerState> states, Map<UUID, List<Lot>> openLots, Set<String> seenSources, Set<UUID> finalTopUps) {}

  // Ordered by workspace id, so two transactions lock shared rows in the same order and never deadlock. In the account's
  // currency where there is one: a refused top-up in another currency must not set the ledger's.
  private static final String CREATE_LEDGERS = """
      INSERT INTO billing.ledgers (workspace_id, currency, last_hash, updated_at)
      SELECT w, coalesce(a.currency, c), $3, $4 FROM unnest($1::uuid[], $2::text[]) AS t(w, c)
        LEFT JOIN billing.accounts a ON a.workspace_id = t.w ORDER BY w
      ON CONFLICT (workspace_id) DO NOTHING RETURNING workspace_id""";
  private static final String LOCK_LEDGERS = """
      SELECT workspace_id, currency, balance, last_seq, last_hash, status, low_balance_notified, auto_top_up_pending, spend_month,
             month_spend, month_auto_top_ups, budget_notified, alerts_fired, runway_notified, auto_top_up_declines,
             auto_top_up_declines_set_at, auto_top_up_disabled_at, auto_top_up_armed, auto_top_up_armed_set_at, budget_notified_amount
      FROM billing.ledgers WHERE workspace_id = ANY($1) ORDER BY workspace_id FOR UPDATE""";
  // A statement of its own, after the ledgers rows are locked. Each debit is stamped with the method read here; a switch to an
  // invoice account that commits meanwhile queues its CARRY_DEBT job behind this batch (CarryDebtHandler), which carries the
  // card-stamped debt and leaves the invoice-stamped debits to the invoice.
  // With the spend controls: the alert thresholds, and the spend of the runway's window ($2 on, Runway) where one is watched.
  // Planned each time, as SEEN_SOURCES: the runway's spend reads billing.entries.
  private static final String ACCOUNTS = Database.PLANNED_EACH_TIME + """
      SELECT a.workspace_id, a.payment_type, a.card_reference, a.low_balance_threshold, a.auto_top_up_threshold, a.auto_top_up_amount,
             a.invoice_account_id, a.organization_id, a.auto_top_up_mode, a.auto_top_up_target, a.auto_top_up_monthly_cap,
             a.auto_top_up_set_at, a.budget_monthly, a.budget_action, a.runway_days,
             (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'amount', t.amount)), '[]')
                FROM billing.alert_thresholds t WHERE t.workspace_id = a.workspace_id)::text AS thresholds,
             CASE WHEN a.runway_days IS NULL OR a.payment_type = 'invoice' THEN 0 ELSE (SELECT coalesce(-sum(e.amount), 0)
                FROM billing.entries e WHERE e.workspace_id = a.workspace_id AND e.occurred_at >= $2 AND e.\
      """ + SpendEntries.SQL + """
      ) END::bigint AS recent_debits
      FROM billing.accounts a WHERE a.workspace_id = ANY($1) ORDER BY a.workspace_id""";
  // The month's spend as GET billing sums it, for ledgers whose counters are of an earlier month (or of none: rows from
  // before billing-8). Read after the lock: only the lock's holder appends entries.
  private static final String MONTH_SPEND = Database.PLANNED_EACH_TIME + """
      SELECT workspace_id, coalesce(-sum(amount), 0)::bigint AS spent FROM billing.entries
       WHERE workspace_id = ANY($1) AND occurred_at >= $2 AND occurred_at < $3 AND \
      """ + SpendEntries.SQL + " GROUP BY workspace_id";
  private static final String ACCOUNTS_SHARED = ACCOUNTS + " FOR SHARE OF a";
  private static final String OPEN_LOTS = """
      SELECT id, workspace_id, kind, source_id, original, remaining, expires_at, created_at, expiry_noticed_at
      FROM billing.credit_lots WHERE workspace_id = ANY($1) AND remaining > 0""";
  // Planned each time: its generic plan from while billing.entries was small hashes the jobs and scans every entry.
  private static final String SEEN_SOURCES = Database.PLANNED_EACH_TIME + """
      SELECT e.workspace_id, e.source_id FROM billing.entries e
      JOIN unnest($1::uuid[], $2::text[]) AS s(w, src) ON e.workspace_id = s.w AND e.source_id = s.src""";
  private static final String FINAL_TOP_UPS = "SELECT id FROM billing.top_ups WHERE id = ANY($1) AND status <> 'pending'";

  private LedgerReads() {}

  /**
   * Creates missing ledgers rows (the account's currency, else that of each workspace's first job) and locks them all,
   * then reads the accounts, open lots, sources already applied and top-ups already ended.
   */
  static Future<Snapshot> read(SqlConnection tx, List<LedgerJob> jobs, Instant now) {
    // A reevaluation makes no ledgers row: a workspace without one has nothing to evaluate.
    Map<UUID, String> currencies = new HashMap<>();
    jobs.stream().filter(job -> !(job instanceof LedgerJob.Reevaluate)).forEach(job -> currencies.putIfAbsent(job.workspaceId(), job.currency()));
    UUID[] workspaces = jobs.stream().map(LedgerJob::workspaceId).distinct().toArray(UUID[]::new);
    Future<RowSet<Row>> created = tx.preparedQuery(CREATE_LEDGERS).execute(Tuple.of(currencies.keySet().toArray(UUID[]::new),
        currencies.values().toArray(String[]::new), Buffer.buffer(HashChain.genesis()), Times.toDb(now)));
    Future<RowSet<Row>> locked = tx.preparedQuery(LOCK_LEDGERS).execute(Tuple.of((Object) workspaces));
    // join, not all: a failure answers only once every statement sent has answered (see PlanWriter.write).
    return Future.join(created, locked).compose(both -> {
      Future<RowSet<Row>> accounts = tx.preparedQuery(created.result().rowCount() > 0 ? ACCOUNTS_SHARED : ACCOUNTS)
          .execute(Tuple.of(workspaces, Times.toDb(Runway.windowStart(now))));
      Future<Map<UUID, List<Lot>>> lots = openLots(tx, workspaces);
      Future<Set<String>> seen = seenSources(tx, jobs);
      Future<Set<UUID>> ended = finalTopUps(tx, jobs);
      Future<Map<UUID, Long>> monthSpend = monthSpend(tx, locked.result(), now);
      return Future.join(List.of(accounts, lots, seen, ended, monthSpend))
          .map(all -> new Snapshot(states(locked.result(), accounts.result(), monthSpend.result()), lots.result(), seen.result(),
              ended.result()));
    });
  }

  private static Future<Map<UUID, Long>> monthSpend(SqlConnection tx, RowSet<Row> ledgers, Instant now) {
    String month = WorkspaceBook.MONTH.format(now);
    List<UUID> behind = new ArrayList<>();
    for (Row row : ledgers) {
      String counted = row.getString("spend_month");
      if (counted == null || month.compareTo(counted) > 0) {
        behind.add(row.getUUID("workspace_id"));
      }
    }
    if (behind.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Tuple args = Tuple.of(behind.toArray(UUID[]::new), Times.toDb(SpendEntries.monthStart(now)), Times.toDb(SpendEntries.nextMonthStart(now)));
    return tx.preparedQuery(MONTH_SPEND).execute(args).map(rows -> {
      Map<UUID, Long> spent = new HashMap<>();
      rows.forEach(row -> spent.put(row.getUUID("workspace_id"), row.getLong("spent")));
      return spent;
    });
  }

  private static Map<UUID, LedgerState> states(RowSet<Row> ledgers, RowSet<Row> accountRows, Map<UUID, Long> monthSpend) {
    Map<UUID, LedgerState.Account> accounts = new HashMap<>();
    for (Row row : accountRows) {
      accounts.put(row.getUUID("workspace_id"), new LedgerState.Account(row.getString("payment_type"), row.getString("card_reference"),
          row.getLong("low_balance_threshold"), row.getLong("auto_top_up_threshold"), row.getLong("auto_top_up_amount"),
          row.getUUID("invoice_account_id"), row.getUUID("organization_id"), controls(row)));
    }
    Map<UUID, LedgerState> states = new HashMap<>();
    for (Row row : ledgers) {
      UUID ws = row.getUUID("workspace_id");
      states.put(ws, new LedgerState(ws, row.getString("currency"), row.getLong("balance"), row.getLong("last_seq"),
          row.getBuffer("last_hash").getBytes(), row.getString("status"), row.getBoolean("low_balance_notified"),
          row.getUUID("auto_top_up_pending"), accounts.getOrDefault(ws, LedgerState.Account.NONE), spend(row, monthSpend.getOrDefault(ws, 0L))));
    }
    return states;
  }

  private static LedgerState.Controls controls(Row row) {
    List<LedgerState.Threshold> thresholds = new ArrayList<>();
    new JsonArray(row.getString("thresholds")).forEach(t -> thresholds.add(
        new LedgerState.Threshold(((JsonObject) t).getString("kind"), ((JsonObject) t).getLong("amount"))));
    return new LedgerState.Controls(row.getString("auto_top_up_mode"), row.getLong("auto_top_up_target"),
        row.getLong("auto_top_up_monthly_cap"), Times.fromDb(row, "auto_top_up_set_at"), row.getLong("budget_monthly"),
        row.getString("budget_action"), row.getInteger("runway_days"), thresholds, row.getLong("recent_debits"));
  }

  private static SpendState spend(Row row, long spentInMonth) {
    SpendState s = new SpendState();
    s.month = row.getString("spend_month");
    s.monthSpend = row.getLong("month_spend");
    s.monthAutoTopUps = row.getLong("month_auto_top_ups");
    s.budgetNotified = row.getBoolean("budget_notified");
    Object fired = row.getValue("alerts_fired");
    s.alertsFired = fired instanceof JsonObject json ? json : new JsonObject(String.valueOf(fired));
    s.runwayNotified = row.getBoolean("runway_notified");
    s.declines = row.getInteger("auto_top_up_declines");
    s.declinesSetAt = Times.fromDb(row, "auto_top_up_declines_set_at");
    s.autoTopUpDisabledAt = Times.fromDb(row, "auto_top_up_disabled_at");
    s.autoTopUpArmed = row.getBoolean("auto_top_up_armed");
    s.armedSetAt = Times.fromDb(row, "auto_top_up_armed_set_at");
    s.budgetNotifiedAmount = row.getLong("budget_notified_amount");
    s.spentInMonth = spentInMonth;
    return s;
  }

  private static Future<Map<UUID, List<Lot>>> openLots(SqlConnection tx, UUID[] workspaces) {
    return tx.preparedQuery(OPEN_LOTS).execute(Tuple.of((Object) workspaces)).map(rows -> {
      Map<UUID, List<Lot>> lots = new HashMap<>();
      for (Row row : rows) {
        lots.computeIfAbsent(row.getUUID("workspace_id"), ws -> new ArrayList<>()).add(new Lot(row.getUUID("id"),
            row.getUUID("workspace_id"), row.getString("kind"), row.getString("source_id"), row.getLong("original"), row.getLong("remaining"),
            Times.fromDb(row, "expires_at"), Times.fromDb(row, "created_at"), false).noticed(Times.fromDb(row, "expiry_noticed_at")));
      }
      return lots;
    });
  }

  /** {@code workspaceId + " " + sourceId} of the batch's sources that already have an entry. */
  private static Future<Set<String>> seenSources(SqlConnection tx, List<LedgerJob> jobs) {
    UUID[] workspaces = jobs.stream().map(LedgerJob::workspaceId).toArray(UUID[]::new);
    String[] sources = jobs.stream().map(LedgerJob::sourceId).toArray(String[]::new);
    return tx.preparedQuery(SEEN_SOURCES).execute(Tuple.tuple(List.of(workspaces, sources))).map(rows -> {
      Set<String> seen = new HashSet<>();
      rows.forEach(row -> seen.add(row.getUUID("workspace_id") + " " + row.getString("source_id")));
      return seen;
    });
  }

  private static Future<Set<UUID>> finalTopUps(SqlConnection tx, List<LedgerJob> jobs) {
    UUID[] ids = jobs.stream().filter(LedgerJob.TopUp.class::isInstance).map(j -> ((LedgerJob.TopUp) j).topUpId()).toArray(UUID[]::new);
    if (ids.length == 0) {
      return Future.succeededFuture(Set.of());
    }
    return tx.preparedQuery(FINAL_TOP_UPS).execute(Tuple.of((Object) ids)).map(rows -> {
      Set<UUID> ended = new HashSet<>();
      rows.forEach(row -> ended.add(row.getUUID("id")));
      return ended;
    });
  }
}
