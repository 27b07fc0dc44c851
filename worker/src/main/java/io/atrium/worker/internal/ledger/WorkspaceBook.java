package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingNotifications;
import io.atrium.billing.PaymentProvider;
import io.atrium.billing.Runway;
import io.atrium.billing.SpendEntries;
import io.atrium.platform.Money;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Topology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One workspace's ledger while a batch is planned: applies its jobs in order to an in-memory copy of
 * its balance, hash chain head and credit lots, and records what must be written.
 * <p>
 * A credit while the balance is negative pays the debt first: its lot keeps only {@code amount - debt}
 * (at least 0). So the open lots always sum to {@code max(0, balance)}.
 */
final class WorkspaceBook {

  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  private final LedgerState start;
  private final List<Lot> lots;
  private final Set<String> seenBefore;
  private final Set<String> seenNow = new HashSet<>();
  private final BatchPlan plan;
  private final Instant now;
  private final int partitions;
  private long balance;
  private long seq;
  private byte[] hash;
  private String status;
  private boolean lowBalanceNotified;
  private UUID autoTopUpPending;
  private boolean wrote;
  private boolean debited; // since the last automatic top-up ended
  private boolean evaluate; // a REEVALUATE job: the rules run without an entry
  private final SpendState spend;
  private long recentDebits;
  private final List<JsonObject> alertsFired = new ArrayList<>(); // this batch's, mailed as one

  WorkspaceBook(LedgerState start, List<Lot> openLots, Set<String> seenBefore, BatchPlan plan, Instant now, int partitions) {
    this.start = start;
    this.lots = new ArrayList<>(openLots);
    this.seenBefore = seenBefore;
    this.plan = plan;
    this.now = now;
    this.partitions = partitions;
    this.balance = start.balance();
    this.seq = start.lastSeq();
    this.hash = start.lastHash();
    this.status = start.status();
    this.lowBalanceNotified = start.lowBalanceNotified();
    this.autoTopUpPending = start.autoTopUpPending();
    this.spend = start.spend().copy();
    this.spend.rollTo(MONTH.format(now), start.spend().spentInMonth);
    AutoTopUpRule.rearm(start.account(), spend, balance);
    this.recentDebits = start.account().controls().debitsLast7Days();
  }

  void apply(LedgerJob job, Map<UUID, PaymentProvider.Charge> charges, Set<UUID> finalTopUps) {
    if (job instanceof LedgerJob.Reevaluate) {
      expireGrants();
      evaluate = true;
      debited = true; // new settings may charge once (a threshold now above the balance): only while armed, see AutoTopUpRule
      return;
    }
    boolean refusedTopUp = job instanceof LedgerJob.TopUp t && TopUpGate.refused(charges.get(t.topUpId()));
    if (!refusedTopUp && !job.currency().equals(start.currency())) {
      throw new IllegalArgumentException("a " + job.currency() + " job for workspace " + start.workspaceId()
          + ", whose ledger is in " + start.currency());
    }
    expireGrants();
    if (seenBefore.contains(start.workspaceId() + " " + job.sourceId()) || !seenNow.add(job.sourceId())) {
      if (job instanceof LedgerJob.TopUp t && t.topUpId().equals(autoTopUpPending)) {
        autoTopUpPending = null; // it ended before: nothing may stay "in flight" for it
      }
      return; // a redelivery or a repeat: applied once already
    }
    if (job instanceof LedgerJob.TopUp t) {
      if (!finalTopUps.contains(t.topUpId())) {
        topUp(t, charges.get(t.topUpId()));
      } else if (t.topUpId().equals(autoTopUpPending)) {
        autoTopUpPending = null;
      }
    } else if (job instanceof LedgerJob.CreditGrant g) {
      credit("credit_grant", g.amount(), g.sourceId(), "Credit grant: " + g.reason(), g.grantId(), "grant", g.expiresAt());
    } else if (job instanceof LedgerJob.Invoice i) {
      // Its lot is named by (invoice, workspace): one invoice credits several workspaces.
      UUID lotId = UUID.nameUUIDFromBytes((i.sourceId() + " " + start.workspaceId()).getBytes(StandardCharsets.UTF_8));
      credit("invoice", i.amount(), i.sourceId(), "Invoice " + i.number() + " for " + i.period(), lotId, "paid", null);
    } else if (job instanceof LedgerJob.Consumption c) {
      debit("consumption", c.amount(), c.sourceId(), c.plan() + " server " + c.resourceId() + " " + HOUR.format(c.hour()),
          c.resourceId(), c.hour());
      plan.addUsage(start.workspaceId(), c.hour().truncatedTo(ChronoUnit.HOURS), c.plan(), c.amount());
    } else if (job instanceof LedgerJob.Usage u) {
      debit("usage", u.total(), u.sourceId(), "Usage: " + String.join(", ", u.byMeter().keySet()), u.batchId().toString(),
          u.occurredAt());
      if (u.byHour().isEmpty()) {
        Instant hour = u.occurredAt().truncatedTo(ChronoUnit.HOURS);
        u.byMeter().forEach((meter, amount) -> plan.addUsage(start.workspaceId(), hour, meter, amount));
      } else {
        u.byHour().forEach((hour, meters) -> meters.forEach((meter, amount) -> plan.addUsage(start.workspaceId(), hour, meter, amount)));
      }
    }
  }

  private void topUp(LedgerJob.TopUp t, PaymentProvider.Charge charge) {
    if (charge == null) {
      throw new IllegalStateException("top-up " + t.topUpId() + " was not charged before its batch");
    }
    JsonObject data = new JsonObject().put("topUpId", t.topUpId().toString()).put("amount", Money.format(t.amount())).put("kind", t.kind());
    String reason = null;
    if (charge.approved()) {
      if ("auto".equals(t.kind())) {
        spend.autoTopUpArmed = false; // this crossing had its charge: the credit re-arms it only if it reaches the threshold
      }
      credit("top_up", t.amount(), t.sourceId(), "auto".equals(t.kind()) ? "Automatic top-up" : "Top-up", t.topUpId(), "paid", null);
      plan.topUps.add(new BatchPlan.TopUpRow(t.topUpId(), start.workspaceId(), t.amount(), t.kind(), "succeeded", null, true, null));
      event(BillingEvents.TOP_UP_SUCCEEDED, data.put("balance", Money.format(balance)));
    } else {
      reason = charge.declineReason() == null ? "declined" : charge.declineReason();
      plan.topUps.add(new BatchPlan.TopUpRow(t.topUpId(), start.workspaceId(), t.amount(), t.kind(), "failed", reason, true, null));
      event(BillingEvents.TOP_UP_FAILED, data.put("failureReason", reason));
    }
    if ("auto".equals(t.kind()) && !TopUpGate.refused(charge)) {
      AutoTopUpRule.ended(this, charge.approved(), t.amount(), reason);
    }
    if (t.topUpId().equals(autoTopUpPending)) {
      autoTopUpPending = null;
      debited = false; // a next charge waits for a debit after this one ended
    }
  }

  private void credit(String type, long amount, String source, String description, UUID lotId, String kind, Instant expiresAt) {
    long debt = Math.max(0, -balance);
    lots.add(new Lot(lotId, start.workspaceId(), kind, source, amount, Math.max(0, amount - debt), expiresAt, now, true));
    append(type, amount, description, lotId.toString(), source, null, now);
  }

  /** Spends lots in {@link Lot#SPENDING_ORDER}; what they do not cover takes the balance down (unfunded). */
  private void debit(String type, long amount, String source, String description, String reference, Instant occurredAt) {
    lots.sort(Lot.SPENDING_ORDER);
    JsonArray funding = new JsonArray();
    long left = amount;
    for (Lot lot : lots) {
      if (left == 0) {
        break;
      }
      if (lot.remaining > 0 && !lot.expiredAt(now)) {
        long take = Math.min(left, lot.remaining);
        spend(lot, take, funding);
        left -= take;
      }
    }
    LedgerState.Account account = start.account();
    append(type, -amount, description, reference, source, new JsonObject().put("lots", funding).put("unfunded", left), occurredAt,
        account.paymentType(), account.invoiced() ? account.invoiceAccountId() : null);
    spent(type, amount, occurredAt);
    debited = true;
  }

  /** A grant past its expiry gives back what is left of it: an adjustment, so the balance stays the log's sum. */
  private void expireGrants() {
    lots.sort(Lot.SPENDING_ORDER);
    for (Lot lot : lots) {
      if (lot.kind.equals("grant") && lot.remaining > 0 && lot.expiredAt(now)) {
        long amount = lot.remaining;
        JsonArray funding = new JsonArray();
        spend(lot, amount, funding);
        String source = "grant-expiry:" + lot.id;
        seenNow.add(source);
        append("adjustment", -amount, "Credit grant expired", lot.id.toString(), source,
            new JsonObject().put("lots", funding).put("unfunded", 0), lot.expiresAt);
        debited = true;
      }
    }
  }

  private static void spend(Lot lot, long amount, JsonArray funding) {
    lot.remaining -= amount;
    lot.changed = true;
    funding.add(new JsonObject().put("lot", lot.id.toString()).put("kind", lot.kind).put("amount", amount));
  }

  private void append(String type, long amount, String description, String reference, String source, JsonObject funding, Instant occurredAt) {
    append(type, amount, description, reference, source, funding, occurredAt, null, null);
  }

  private void append(String type, long amount, String description, String reference, String source, JsonObject funding, Instant occurredAt,
                      String payer, UUID invoiceAccountId) {
    seq++;
    balance = Math.addExact(balance, amount);
    AutoTopUpRule.rearm(start.account(), spend, balance);
    hash = HashChain.next(hash, start.workspaceId(), seq, type, amount, balance, source, occurredAt);
    plan.entries.add(new Entry(start.workspaceId(), seq, type, amount, balance, description, reference, source, funding, occurredAt, hash,
        payer, invoiceAccountId));
    wrote = true;
  }

  /**
   * Spend (SpendEntries: not a grant expiring) counts by when it occurred, as GET billing sums it: toward the month's spend
   * if it occurred in the month the counters count, and the runway's rate.
   */
  private void spent(String type, long amount, Instant occurredAt) {
    if (!SpendEntries.counts(type)) {
      return;
    }
    if (MONTH.format(occurredAt).equals(spend.month)) {
      spend.monthSpend = Math.addExact(spend.monthSpend, amount);
    }
    if (!occurredAt.isBefore(Runway.windowStart(now))) {
      recentDebits = Math.addExact(recentDebits, amount);
    }
  }

  /** The rules that look at the balance after the batch's jobs, then what the batch writes for this workspace. */
  void finish() {
    LedgerState.Account account = start.account();
    if (wrote || evaluate) {
      boolean budgetStops = SpendRules.budget(this);
      suspendOrResume(account, budgetStops);
      noticeLowBalance(account);
      if (start.balance() > 0 && balance <= 0 && !account.invoiced()) { // invoiced: below zero is its normal
        event(BillingEvents.BALANCE_DEPLETED, new JsonObject().put("balance", Money.format(balance)));
      }
      SpendRules.alerts(this);
      JsonObject alerts = SpendRules.notification(this, alertsFired);
      if (alerts != null) {
        notify(BillingNotifications.SPEND_ALERT, alerts);
      }
      long amount = debited && autoTopUpPending == null ? AutoTopUpRule.amount(account, spend, balance) : 0;
      if (amount > 0) {
        startAutoTopUp(account, amount);
      }
    }
    GrantExpiryNotice.notice(this, lots);
    plan.ledgers.add(new LedgerState(start.workspaceId(), start.currency(), balance, seq, hash, status, lowBalanceNotified,
        autoTopUpPending, account, spend));
    for (Lot lot : lots) {
      if (lot.created) {
        plan.newLots.add(lot);
      } else if (lot.changed) {
        plan.changedLots.add(lot);
      }
    }
  }

  /** Suspended while a prepaid balance is at or below zero, or while a {@code suspend} budget is reached (invoiced too). */
  private void suspendOrResume(LedgerState.Account account, boolean budgetStops) {
    boolean depleted = !account.invoiced() && balance <= 0;
    boolean shouldSuspend = depleted || budgetStops;
    JsonObject data = new JsonObject().put("balance", Money.format(balance)).put("reason", depleted ? "balance" : "budget");
    if (shouldSuspend && status.equals("active")) {
      status = "suspended";
      notify(BillingNotifications.SUSPENDED, new JsonObject());
      event(BillingEvents.SUSPENDED, data);
    } else if (!shouldSuspend && status.equals("suspended")) {
      status = "active";
      notify(BillingNotifications.RESUMED, new JsonObject());
      data.remove("reason");
      event(BillingEvents.RESUMED, data);
    }
  }

  private void noticeLowBalance(LedgerState.Account account) {
    Long threshold = account.lowBalanceThreshold();
    if (threshold == null) {
      return;
    }
    if (balance < threshold && !lowBalanceNotified) {
      lowBalanceNotified = true;
      notify(BillingNotifications.LOW_BALANCE, new JsonObject().put("balance", balance).put("threshold", threshold));
      event(BillingEvents.BALANCE_LOW, new JsonObject().put("balance", Money.format(balance)).put("threshold", Money.format(threshold)));
    } else if (balance >= threshold && lowBalanceNotified) {
      lowBalanceNotified = false; // the next crossing notifies again
    }
  }

  /**
   * Only after a debit since the last one ended: a declined automatic top-up then waits for the next debit instead of retrying
   * itself in a loop, and a batch of many debits makes one charge.
   */
  private void startAutoTopUp(LedgerState.Account account, long amount) {
    UUID topUpId = UUID.randomUUID();
    autoTopUpPending = topUpId;
    plan.topUps.add(new BatchPlan.TopUpRow(topUpId, start.workspaceId(), amount, "auto", "pending", null, false,
        account.cardReference()));
    JsonObject job = new JsonObject().put("topUpId", topUpId.toString()).put("workspaceId", start.workspaceId().toString())
        .put("currency", start.currency()).put("amount", amount).put("cardReference", account.cardReference()).put("kind", "auto");
    plan.outbox.add(OutboxMessage.billingJob(start.workspaceId(), BillingJobs.TOP_UP, job, partitions));
  }

  void notify(String type, JsonObject payload) {
    // The seq the ledger stands at with this state: a consumer ignores a notification older than the last it applied.
    payload.put("workspaceId", start.workspaceId().toString()).put("ledgerSeq", seq);
    plan.outbox.add(new OutboxMessage(UUID.randomUUID(), Topology.EVENTS_EXCHANGE, type, type, payload));
  }

  /** A spend alert that fired in this batch: {@link #finish} lists them all in one notification. */
  void alert(JsonObject alert) {
    alertsFired.add(alert);
  }

  /** A billing event for the organization's webhooks, at the ledger's head now; none without an account (no organization). */
  void event(String type, JsonObject fields) {
    UUID organization = start.account().organizationId();
    if (organization != null) {
      JsonObject data = BillingEvents.ledgerData(start.workspaceId(), seq, hash).mergeIn(fields);
      plan.outbox.add(BillingEvents.message(UUID.randomUUID(), type, now, organization, data));
    }
  }

  long balance() {
    return balance;
  }

  long recentDebits() {
    return recentDebits;
  }

  SpendState spend() {
    return spend;
  }

  LedgerState.Account account() {
    return start.account();
  }

  Instant now() {
    return now;
  }
}
