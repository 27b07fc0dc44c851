package io.atrium.worker.internal.ledger;

import io.atrium.platform.OutboxMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything one batch writes, computed in memory before a single row is written. */
public final class BatchPlan {

  /** A usage_hours cell; amounts of one cell are summed before the upsert (one row may appear once per statement). */
  public record UsageCell(UUID workspaceId, Instant hour, String meter) {}

  /**
   * A top_ups row to write: an outcome ({@code completed}) or a new pending automatic top-up (with the card it charges;
   * null on outcomes, which keep the card the row has).
   */
  public record TopUpRow(UUID id, UUID workspaceId, long amount, String kind, String status, String failureReason, boolean completed,
      String cardReference) {}

  public final List<Entry> entries = new ArrayList<>();
  public final List<Lot> newLots = new ArrayList<>();
  public final List<Lot> changedLots = new ArrayList<>();
  /** The ledgers rows as they stand after the batch, one per workspace. */
  public final List<LedgerState> ledgers = new ArrayList<>();
  public final Map<UsageCell, Long> usage = new LinkedHashMap<>();
  public final List<TopUpRow> topUps = new ArrayList<>();
  /** Notifications for the API and automatic top-up jobs, appended to the outbox in the batch's transaction. */
  public final List<OutboxMessage> outbox = new ArrayList<>();

  void addUsage(UUID workspaceId, Instant hour, String meter, long amount) {
    usage.merge(new UsageCell(workspaceId, hour, meter), amount, Long::sum);
  }
}
