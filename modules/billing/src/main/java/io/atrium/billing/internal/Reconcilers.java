package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingMetrics;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
 *       it was deleted ({@link SettleAccountClosures});</li>
 *   <li>a month whose scheduled invoice run is due (within {@code billing.schedule.catchUpHours}) and has no recorded run is
 *       run, once the consumption run of its due hour was queued.</li>
 * </ul>
 */
public final class Reconcilers {

  private static final Logger log = LoggerFactory.getLogger(Reconcilers.class);
  private static final int LIMIT = 200;
  private final Vertx vertx;
  private final UnitOfWork<BillingTables> storage;
  private final Clock clock;
  private final ApplyResourceState states;
  private final SettleAccountClosures closures;
  private final int partitions;
  private final Duration pendingAfter;
  private final Duration settledAfter;
  private final int catchUpHours;
  private final int invoiceDay;
  private final int invoiceHour;

  Reconcilers(Vertx vertx, UnitOfWork<BillingTables> storage, AtriumConfig config, Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.clock = clock;
    this.states = new ApplyResourceState(storage, new BusBillableWorkspaces(vertx), clock);
    this.closures = new SettleAccountClosures(storage, new BusBillableWorkspaces(vertx), clock);
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
    return storage.transaction((tables, outgoing) -> tables.topUps().lockStuck(now.minus(pendingAfter)).compose(stuck -> {
      List<UUID> ids = new ArrayList<>();
      Future<Void> appended = Future.succeededFuture();
      for (TopUps.Stuck topUp : stuck) {
        ids.add(topUp.id());
        JsonObject job = new JsonObject().put("topUpId", topUp.id().toString()).put("workspaceId", topUp.workspaceId().toString())
            .put("currency", topUp.currency()).put("amount", topUp.amount())
            .put("cardReference", topUp.cardReference()).put("kind", topUp.kind());
        OutboxMessage message = OutboxMessage.billingJob(topUp.workspaceId(), BillingJobs.TOP_UP, job, partitions);
        appended = appended.compose(v -> outgoing.send(message));
      }
      return appended.compose(v -> ids.isEmpty() ? Future.<Void>succeededFuture() : tables.topUps().markRequeued(ids, now))
          .map(v -> ids.size());
    })).onSuccess(n -> count("top_ups", "requeued", n, "top-ups pending for over " + pendingAfter.toMinutes() + " minutes re-queued"))
        .mapEmpty();
  }

  // The ledger's row is the worker's to write: it clears each flag (AUTO_TOP_UP_ENDED) unless a new top-up took its place.
  private Future<Void> clearEndedFlags() {
    return storage.transaction((tables, outgoing) -> tables.ledger().endedAutoTopUps().compose(flags -> {
      Future<Void> appended = Future.succeededFuture();
      for (LedgerQueries.EndedFlag flag : flags) {
        JsonObject job = new JsonObject().put("workspaceId", flag.workspaceId().toString()).put("currency", flag.currency())
            .put("topUpId", flag.topUpId().toString());
        OutboxMessage message = OutboxMessage.billingJob(flag.workspaceId(), BillingJobs.AUTO_TOP_UP_ENDED, job, partitions);
        appended = appended.compose(v -> outgoing.send(message));
      }
      return appended.map(v -> flags.size());
    })).onSuccess(n -> count("auto_top_up", "clear_requested", n, "auto top-up flags of ended top-ups sent to the ledger to clear"))
        .mapEmpty();
  }

  private Future<Void> alignResources() {
    Instant settled = Times.now(clock).minus(settledAfter);
    return storage.read().resourceStates().drifted(settled).compose(drifted -> {
      Future<Void> chain = Future.succeededFuture();
      for (ResourceStates.State state : drifted) {
        UUID workspace = state.workspaceId();
        String status = state.status();
        long seq = state.seq();
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
      chain = chain.compose(v -> storage.read().invoices().periodRun(period.toString(), due.minus(1, ChronoUnit.HOURS))
          .compose(status -> {
            if (status.ran() || !status.hourQueued()) {
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
