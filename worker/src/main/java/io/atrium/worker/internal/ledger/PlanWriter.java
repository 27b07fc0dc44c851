package io.atrium.worker.internal.ledger;

import io.atrium.platform.Outbox;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes a {@link BatchPlan} in the batch's transaction: one multi-row statement (unnest) per table, the outbox's too, all
 * pipelined on the connection (no statement depends on another's answer), so the batch waits for one round trip.
 */
final class PlanWriter {

  private static final String INSERT_ENTRIES = """
      INSERT INTO billing.entries (workspace_id, seq, type, amount, balance_after, description, reference, source_id, funding,
                                   occurred_at, recorded_at, hash, payer, invoice_account_id)
      SELECT w, s, t, a, b, d, r, src, NULLIF(f, '')::jsonb, o, $12, h, NULLIF(p, ''), NULLIF(ia, '')::uuid
      FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::timestamptz[], $11::bytea[], $13::text[], $14::text[]) AS x(w, s, t, a, b, d, r, src, f, o, h, p, ia)""";
  private static final String INSERT_LOTS = """
      INSERT INTO billing.credit_lots (id, workspace_id, kind, source_id, original, remaining, expires_at, created_at, expiry_noticed_at)
      SELECT i, w, k, s, o, r, NULLIF(e, '')::timestamptz, c, NULLIF(n, '')::timestamptz
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::timestamptz[], $9::text[])
           AS x(i, w, k, s, o, r, e, c, n)""";
  private static final String UPDATE_LOTS = """
      UPDATE billing.credit_lots l SET remaining = x.r, expiry_noticed_at = coalesce(l.expiry_noticed_at, NULLIF(x.n, '')::timestamptz)
      FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS x(i, r, n) WHERE l.id = x.i""";
  private static final String UPDATE_LEDGERS = """
      UPDATE billing.ledgers l SET balance = x.b, last_seq = x.s, last_hash = x.h, status = x.st, low_balance_notified = x.n,
             auto_top_up_pending = NULLIF(x.p, '')::uuid, updated_at = $8, spend_month = x.sm, month_spend = x.ms,
             month_auto_top_ups = x.ma, budget_notified = x.bn, alerts_fired = x.af::jsonb, runway_notified = x.rn,
             auto_top_up_declines = x.dc, auto_top_up_declines_set_at = NULLIF(x.ds, '')::timestamptz,
             auto_top_up_disabled_at = NULLIF(x.da, '')::timestamptz, auto_top_up_armed = x.ar,
             auto_top_up_armed_set_at = NULLIF(x.aa, '')::timestamptz, budget_notified_amount = NULLIF(x.bf, '')::bigint
      FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bytea[], $5::text[], $6::boolean[], $7::text[], $9::text[], $10::bigint[],
                  $11::bigint[], $12::boolean[], $13::text[], $14::boolean[], $15::int[], $16::text[], $17::text[], $18::boolean[],
                  $19::text[], $20::text[])
           AS x(w, b, s, h, st, n, p, sm, ms, ma, bn, af, rn, dc, ds, da, ar, aa, bf)
      WHERE l.workspace_id = x.w""";
  private static final String ADD_USAGE = """
      INSERT INTO billing.usage_hours (workspace_id, hour, meter, amount)
      SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::bigint[])
      ON CONFLICT (workspace_id, hour, meter) DO UPDATE SET amount = billing.usage_hours.amount + EXCLUDED.amount""";
  // Upsert: a top-up job whose row the API never wrote still gets its outcome recorded.
  private static final String WRITE_TOP_UPS = """
      INSERT INTO billing.top_ups (id, workspace_id, amount, kind, status, failure_reason, created_at, completed_at, card_reference)
      SELECT i, w, a, k, s, NULLIF(f, ''), $8::timestamptz, CASE WHEN c THEN $8::timestamptz END, NULLIF(cr, '')
      FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $9::text[])
           AS x(i, w, a, k, s, f, c, cr)
      ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason,
                                     completed_at = EXCLUDED.completed_at""";

  private PlanWriter() {}

  static Future<Void> write(SqlConnection tx, BatchPlan plan, Instant now) {
    OffsetDateTime at = Times.toDb(now);
    List<Future<?>> done = new ArrayList<>();
    if (!plan.entries.isEmpty()) {
      List<Entry> e = plan.entries;
      run(done, tx, INSERT_ENTRIES, Tuple.tuple()
          .addValue(array(e, Entry::workspaceId, UUID[]::new)).addValue(array(e, Entry::seq, Long[]::new))
          .addValue(array(e, Entry::type, String[]::new)).addValue(array(e, Entry::amount, Long[]::new))
          .addValue(array(e, Entry::balanceAfter, Long[]::new)).addValue(array(e, Entry::description, String[]::new))
          .addValue(array(e, Entry::reference, String[]::new)).addValue(array(e, Entry::sourceId, String[]::new))
          .addValue(array(e, x -> x.funding() == null ? "" : x.funding().encode(), String[]::new))
          .addValue(array(e, x -> Times.toDb(x.occurredAt()), OffsetDateTime[]::new))
          .addValue(array(e, x -> Buffer.buffer(x.hash()), Buffer[]::new)).addValue(at)
          .addValue(array(e, x -> x.payer() == null ? "" : x.payer(), String[]::new))
          .addValue(array(e, x -> x.invoiceAccountId() == null ? "" : x.invoiceAccountId().toString(), String[]::new)));
    }
    if (!plan.newLots.isEmpty()) {
      List<Lot> l = plan.newLots;
      run(done, tx, INSERT_LOTS, Tuple.tuple()
          .addValue(array(l, x -> x.id, UUID[]::new)).addValue(array(l, x -> x.workspaceId, UUID[]::new))
          .addValue(array(l, x -> x.kind, String[]::new)).addValue(array(l, x -> x.sourceId, String[]::new))
          .addValue(array(l, x -> x.original, Long[]::new)).addValue(array(l, x -> x.remaining, Long[]::new))
          .addValue(array(l, x -> x.expiresAt == null ? "" : x.expiresAt.toString(), String[]::new))
          .addValue(array(l, x -> Times.toDb(x.createdAt), OffsetDateTime[]::new))
          .addValue(array(l, x -> text(x.expiryNoticedAt), String[]::new)));
    }
    if (!plan.changedLots.isEmpty()) {
      List<Lot> l = plan.changedLots;
      run(done, tx, UPDATE_LOTS, Tuple.tuple(List.of(array(l, x -> x.id, UUID[]::new), array(l, x -> x.remaining, Long[]::new),
          array(l, x -> text(x.expiryNoticedAt), String[]::new))));
    }
    List<LedgerState> g = plan.ledgers;
    run(done, tx, UPDATE_LEDGERS, Tuple.tuple()
        .addValue(array(g, LedgerState::workspaceId, UUID[]::new)).addValue(array(g, LedgerState::balance, Long[]::new))
        .addValue(array(g, LedgerState::lastSeq, Long[]::new)).addValue(array(g, x -> Buffer.buffer(x.lastHash()), Buffer[]::new))
        .addValue(array(g, LedgerState::status, String[]::new)).addValue(array(g, LedgerState::lowBalanceNotified, Boolean[]::new))
        .addValue(array(g, x -> x.autoTopUpPending() == null ? "" : x.autoTopUpPending().toString(), String[]::new))
        .addValue(at).addValue(array(g, x -> x.spend().month, String[]::new)).addValue(array(g, x -> x.spend().monthSpend, Long[]::new))
        .addValue(array(g, x -> x.spend().monthAutoTopUps, Long[]::new)).addValue(array(g, x -> x.spend().budgetNotified, Boolean[]::new))
        .addValue(array(g, x -> x.spend().alertsFired.encode(), String[]::new))
        .addValue(array(g, x -> x.spend().runwayNotified, Boolean[]::new)).addValue(array(g, x -> x.spend().declines, Integer[]::new))
        .addValue(array(g, x -> text(x.spend().declinesSetAt), String[]::new))
        .addValue(array(g, x -> text(x.spend().autoTopUpDisabledAt), String[]::new))
        .addValue(array(g, x -> x.spend().autoTopUpArmed, Boolean[]::new))
        .addValue(array(g, x -> text(x.spend().armedSetAt), String[]::new))
        .addValue(array(g, x -> x.spend().budgetNotifiedAmount == null ? "" : x.spend().budgetNotifiedAmount.toString(), String[]::new)));
    if (!plan.usage.isEmpty()) {
      List<BatchPlan.UsageCell> u = List.copyOf(plan.usage.keySet());
      run(done, tx, ADD_USAGE, Tuple.of(array(u, BatchPlan.UsageCell::workspaceId, UUID[]::new),
          array(u, x -> Times.toDb(x.hour()), OffsetDateTime[]::new), array(u, BatchPlan.UsageCell::meter, String[]::new),
          array(u, plan.usage::get, Long[]::new)));
    }
    if (!plan.topUps.isEmpty()) {
      List<BatchPlan.TopUpRow> t = plan.topUps;
      run(done, tx, WRITE_TOP_UPS, Tuple.tuple()
          .addValue(array(t, BatchPlan.TopUpRow::id, UUID[]::new)).addValue(array(t, BatchPlan.TopUpRow::workspaceId, UUID[]::new))
          .addValue(array(t, BatchPlan.TopUpRow::amount, Long[]::new)).addValue(array(t, BatchPlan.TopUpRow::kind, String[]::new))
          .addValue(array(t, BatchPlan.TopUpRow::status, String[]::new))
          .addValue(array(t, x -> x.failureReason() == null ? "" : x.failureReason(), String[]::new))
          .addValue(array(t, BatchPlan.TopUpRow::completed, Boolean[]::new)).addValue(at)
          .addValue(array(t, x -> x.cardReference() == null ? "" : x.cardReference(), String[]::new)));
    }
    done.add(Outbox.appendAll(tx, plan.outbox)); // one statement: a batch that suspends many workspaces writes many rows
    // join, not all: a failure answers only once every statement sent has answered (one statement per branch, nothing
    // chained off one, so nothing can reach the connection after the rollback).
    return Future.join(done).mapEmpty();
  }

  private static String text(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  private static void run(List<Future<?>> sent, SqlConnection tx, String sql, Tuple params) {
    sent.add(tx.preparedQuery(sql).execute(params));
  }

  private static <T, R> R[] array(List<T> items, Function<T, R> field, java.util.function.IntFunction<R[]> make) {
    return items.stream().map(field).toArray(make);
  }
}
