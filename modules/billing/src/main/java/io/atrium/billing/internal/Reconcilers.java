package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingMetrics;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Brings what was left behind back in line with the ledger (DESIGN.md invariant 7). Run periodically by the process that
 * holds the schedule's advisory lock ({@link HourlySchedule}); each step is idempotent, so a second run does nothing more:
 * <ul>
 *   <li>a top-up pending longer than {@code billing.reconcile.topUpPendingMinutes} is re-queued (at most once per that many
 *       minutes): the worker charges under the top-up id, so a job that was only slow charges nothing twice;</li>
 *   <li>an auto top-up "in flight" flag whose top-up ended (or never existed) is cleared by the worker, which owns the ledger:
 *       a job for it each pass until it is;</li>
 *   <li>a workspace whose resources were last told another status than its ledger's is told again, at the ledger's seq;</li>
 *   <li>an account closed or reopened for a workspace deletion is opened again if the workspace is live, and closed again if
 *       it was deleted ({@link AccountClosures});</li>
 *   <li>a month whose scheduled invoice run is due (within {@code billing.schedule.catchUpHours}) and has no recorded run is
 *       run, once the consumption run of its due hour was queued.</li>
 * </ul>
 */
public final class Reconcilers {

  private static final Logger log = LoggerFactory.getLogger(Reconcilers.class);
  private static final int LIMIT = 200;
  private static final String STUCK_TOP_UPS = """
      SELECT t.id, t.workspace_id, t.amount, t.kind, coalesce(t.card_reference, a.card_reference, '') AS card_reference, a.currency
      FROM billing.top_ups t JOIN billing.accounts a ON a.workspace_id = t.workspace_id
      WHERE t.status = 'pending' AND t.created_at < $1 AND (t.requeued_at IS NULL OR t.requeued_at < $1)
      ORDER BY t.created_at LIMIT 200 FOR UPDATE OF t SKIP LOCKED""";
  private static final String MARK_REQUEUED = "UPDATE billing.top_ups SET requeued_at = $2 WHERE id = ANY($1)";
  private static final String ENDED_FLAGS = """
      SELECT l.workspace_id, l.currency, l.auto_top_up_pending FROM billing.ledgers l
       WHERE l.auto_top_up_pending IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM billing.top_ups t WHERE t.id = l.auto_top_up_pending AND t.status = 'pending')
       LIMIT 200""";
  // States applied a while ago only (a status change's notification is normally on its way; the seq guard makes a race with
  // it harmless): not the ledger's last change, which a busy workspace makes every few seconds.
  private static final String DRIFTED = """
      SELECT l.workspace_id, l.status, l.last_seq FROM billing.ledgers l
      LEFT JOIN billing.resource_states r ON r.workspace_id = l.workspace_id
      WHERE (r.workspace_id IS NULL AND l.status = 'suspended' AND l.updated_at < $1)
         OR (r.status <> l.status AND r.ledger_seq <= l.last_seq AND r.applied_at < $1)
      LIMIT 200""";
  private static final String PERIOD_RUN = """
      SELECT EXISTS (SELECT 1 FROM billing.invoice_runs WHERE period = $1) AS ran,
             EXISTS (SELECT 1 FROM billing.consumption_runs WHERE hour = $2) AS hour_queued""";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final ResourceStates states;
  private final AccountClosures closures;
  private final int partitions;
  private final Duration pendingAfter;
  private final Duration settledAfter;
  private final int catchUpHours;
  private final int invoiceDay;
  private final int invoiceHour;

  public Reconcilers(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.states = new ResourceStates(pool, new BusBillableWorkspaces(vertx), clock);
    this.closures = new AccountClosures(pool, new BusBillableWorkspaces(vertx), clock);
    this.partitions = config.integer("billing.partitions");
    this.pendingAfter = Duration.ofMinutes(config.integer("billing.reconcile.topUpPendingMinutes"));
    this.settledAfter = Duration.ofMillis(config.integer("billing.reconcile.intervalMillis"));
    this.catchUpHours = config.integer("billing.schedule.catchUpHours");
    this.invoiceDay = config.integer("invoicing.schedule.dayOfMonth");
    this.invoiceHour = config.integer("invoicing.schedule.hourUtc");
  }

  /** One pass of every reconciler; each one's failure is logged and leaves the others running. */
  public Future<Void> runOnce() {
    return step("top_ups", this::requeueStuckTopUps)
        .compose(v -> step("auto_top_up", this::clearEndedFlags))
        .compose(v -> step("resource_states", this::alignResources))
        .compose(v -> step("account_closures", this::settleClosures))
        .compose(v -> step("invoice_runs", this::runDueInvoices));
  }

  private static Future<Void> step(String name, java.util.function.Supplier<Future<Void>> reconciler) {
    return reconciler.get().recover(e -> {
      log.warn("reconciler {} failed; the next pass tries again: {}", name, e.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> requeueStuckTopUps() {
    Instant now = Times.now(clock);
    return pool.withTransaction(tx -> tx.preparedQuery(STUCK_TOP_UPS).execute(Tuple.of(Times.toDb(now.minus(pendingAfter)))).compose(rows -> {
      List<UUID> ids = new ArrayList<>();
      Future<Void> appended = Future.succeededFuture();
      for (Row row : rows) {
        UUID id = row.getUUID("id");
        UUID workspace = row.getUUID("workspace_id");
        ids.add(id);
        JsonObject job = new JsonObject().put("topUpId", id.toString()).put("workspaceId", workspace.toString())
            .put("currency", row.getString("currency").trim()).put("amount", row.getLong("amount"))
            .put("cardReference", row.getString("card_reference")).put("kind", row.getString("kind"));
        OutboxMessage message = OutboxMessage.billingJob(workspace, BillingJobs.TOP_UP, job, partitions);
        appended = appended.compose(v -> Outbox.append(tx, message));
      }
      return appended.compose(v -> ids.isEmpty() ? Future.succeededFuture()
          : tx.preparedQuery(MARK_REQUEUED).execute(Tuple.of(ids.toArray(UUID[]::new), Times.toDb(now))).mapEmpty())
          .map(v -> ids.size());
    })).onSuccess(n -> count("top_ups", "requeued", n, "top-ups pending for over " + pendingAfter.toMinutes() + " minutes re-queued"))
        .mapEmpty();
  }

  // The ledger's row is the worker's to write: it clears each flag (AUTO_TOP_UP_ENDED) unless a new top-up took its place.
  private Future<Void> clearEndedFlags() {
    return pool.withTransaction(tx -> tx.query(ENDED_FLAGS).execute().compose(rows -> {
      Future<Void> appended = Future.succeededFuture();
      for (Row row : rows) {
        UUID workspace = row.getUUID("workspace_id");
        JsonObject job = new JsonObject().put("workspaceId", workspace.toString()).put("currency", row.getString("currency").trim())
            .put("topUpId", row.getUUID("auto_top_up_pending").toString());
        OutboxMessage message = OutboxMessage.billingJob(workspace, BillingJobs.AUTO_TOP_UP_ENDED, job, partitions);
        appended = appended.compose(v -> Outbox.append(tx, message));
      }
      return appended.map(v -> rows.size());
    })).onSuccess(n -> count("auto_top_up", "clear_requested", n, "auto top-up flags of ended top-ups sent to the ledger to clear"))
        .mapEmpty();
  }

  private Future<Void> alignResources() {
    Instant settled = Times.now(clock).minus(settledAfter);
    return pool.preparedQuery(DRIFTED).execute(Tuple.of(Times.toDb(settled))).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        UUID workspace = row.getUUID("workspace_id");
        String status = row.getString("status");
        long seq = row.getLong("last_seq");
        chain = chain.compose(v -> states.apply(workspace, status, seq).onSuccess(applied -> {
          if (applied) {
            count("resource_states", "suspended".equals(status) ? "suspended" : "resumed", 1,
                "resources of workspace " + workspace + " set to the ledger's status " + status);
          }
        }).mapEmpty());
      }
      return chain;
    });
  }

  private Future<Void> settleClosures() {
    return closures.settle(Times.now(clock).minus(settledAfter)).onSuccess(settled -> {
      count("account_closures", "reopened", settled.reopened(), "closed accounts of live workspaces opened again");
      count("account_closures", "closed", settled.closed(), "open accounts of deleted workspaces closed again");
    }).mapEmpty();
  }

  private Future<Void> runDueInvoices() {
    Instant now = Times.now(clock);
    Future<Void> chain = Future.succeededFuture();
    for (int back = 1; back <= 2; back++) {
      YearMonth period = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(back);
      Instant due = period.plusMonths(1).atDay(invoiceDay).atTime(invoiceHour, 0).toInstant(ZoneOffset.UTC);
      if (due.isAfter(now) || due.isBefore(now.minus(catchUpHours, ChronoUnit.HOURS))) {
        continue;
      }
      chain = chain.compose(v -> pool.preparedQuery(PERIOD_RUN).execute(Tuple.of(period.toString(), Times.toDb(due.minus(1, ChronoUnit.HOURS))))
          .compose(rows -> {
            Row row = rows.iterator().next();
            if (row.getBoolean("ran") || !row.getBoolean("hour_queued")) {
              return Future.succeededFuture();
            }
            return Bus.request(vertx, BillingEndpoints.SCHEDULED_INVOICE_RUN, new JsonObject().put("period", period.toString()))
                .onSuccess(run -> count("invoice_runs", "started", 1, "scheduled invoice run for " + period + " that had not run"))
                .mapEmpty();
          }));
    }
    return chain;
  }

  private static void count(String reconciler, String action, int n, String what) {
    if (n > 0) {
      log.info("reconciler {}: {} ({})", reconciler, what, n);
      BillingMetrics.reconcilerAction(reconciler, action, n);
    }
  }
}
