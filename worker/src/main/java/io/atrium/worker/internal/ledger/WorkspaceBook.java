package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingNotifications;
import io.atrium.billing.PaymentProvider;
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
  private boolean debited;

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
  }

  void apply(LedgerJob job, Map<UUID, PaymentProvider.Charge> charges, Set<UUID> finalTopUps) {
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
    if (charge.approved()) {
      credit("top_up", t.amount(), t.sourceId(), "auto".equals(t.kind()) ? "Automatic top-up" : "Top-up", t.topUpId(), "paid", null);
      plan.topUps.add(new BatchPlan.TopUpRow(t.topUpId(), start.workspaceId(), t.amount(), t.kind(), "succeeded", null, true, null));
    } else {
      String reason = charge.declineReason() == null ? "declined" : charge.declineReason();
      plan.topUps.add(new BatchPlan.TopUpRow(t.topUpId(), start.workspaceId(), t.amount(), t.kind(), "failed", reason, true, null));
    }
    if (t.topUpId().equals(autoTopUpPending)) {
      autoTopUpPending = null;
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
    hash = HashChain.next(hash, start.workspaceId(), seq, type, amount, balance, source, occurredAt);
    plan.entries.add(new Entry(start.workspaceId(), seq, type, amount, balance, description, reference, source, funding, occurredAt, hash,
        payer, invoiceAccountId));
    wrote = true;
  }

  /** The rules that look at the balance after the batch's jobs, then what the batch writes for this workspace. */
  void finish() {
    LedgerState.Account account = start.account();
    if (wrote) {
      suspendOrResume(account);
      noticeLowBalance(account);
      if (debited) {
        startAutoTopUp(account);
      }
    }
    plan.ledgers.add(new LedgerState(start.workspaceId(), start.currency(), balance, seq, hash, status, lowBalanceNotified,
        autoTopUpPending, account));
    for (Lot lot : lots) {
      if (lot.created) {
        plan.newLots.add(lot);
      } else if (lot.changed) {
        plan.changedLots.add(lot);
      }
    }
  }

  private void suspendOrResume(LedgerState.Account account) {
    boolean shouldSuspend = !account.invoiced() && balance <= 0;
    if (shouldSuspend && status.equals("active")) {
      status = "suspended";
      notify(BillingNotifications.SUSPENDED, new JsonObject());
    } else if (!shouldSuspend && status.equals("suspended")) {
      status = "active";
      notify(BillingNotifications.RESUMED, new JsonObject());
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
    } else if (balance >= threshold && lowBalanceNotified) {
      lowBalanceNotified = false; // the next crossing notifies again
    }
  }

  /**
   * Only after a debit: a declined automatic top-up then waits for the next debit instead of retrying
   * itself in a loop.
   */
  private void startAutoTopUp(LedgerState.Account account) {
    if (!"card".equals(account.paymentType()) || account.cardReference() == null || account.autoTopUpThreshold() == null
        || account.autoTopUpAmount() == null || balance >= account.autoTopUpThreshold() || autoTopUpPending != null) {
      return;
    }
    UUID topUpId = UUID.randomUUID();
    autoTopUpPending = topUpId;
    long amount = account.autoTopUpAmount();
    plan.topUps.add(new BatchPlan.TopUpRow(topUpId, start.workspaceId(), amount, "auto", "pending", null, false,
        account.cardReference()));
    JsonObject job = new JsonObject().put("topUpId", topUpId.toString()).put("workspaceId", start.workspaceId().toString())
        .put("currency", start.currency()).put("amount", amount).put("cardReference", account.cardReference()).put("kind", "auto");
    plan.outbox.add(OutboxMessage.billingJob(start.workspaceId(), BillingJobs.TOP_UP, job, partitions));
  }

  private void notify(String type, JsonObject payload) {
    // The seq the ledger stands at with this state: a consumer ignores a notification older than the last it applied.
    payload.put("workspaceId", start.workspaceId().toString()).put("ledgerSeq", seq);
    plan.outbox.add(new OutboxMessage(UUID.randomUUID(), Topology.EVENTS_EXCHANGE, type, type, payload));
  }
}
