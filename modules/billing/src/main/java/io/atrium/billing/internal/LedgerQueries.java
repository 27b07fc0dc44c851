package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: the worker's ledger, read only: balances, the billing log and credit usage per hour. */
interface LedgerQueries {

  /**
   * Balance in micro-units and status; 0 and active before the workspace's first money movement. {@code autoTopUpDisabledAt}:
   * when the worker turned automatic top-up off after declines under the setting still in force, else null.
   */
  record Standing(long balance, String status, Instant autoTopUpDisabledAt) {
    static final String ACTIVE = "active";
    static final String SUSPENDED = "suspended";

    boolean suspended() {
      return SUSPENDED.equals(status);
    }
  }

  record Entry(long seq, String type, long amount, long balanceAfter, String description, String reference, Instant occurredAt) {}

  /** Debits of one bucket and meter (or plan), in micro-units, positive. */
  record Usage(Instant start, String meter, long amount) {}

  /** Debits (positive micro-units) since the runway window's start and since the month's start. */
  record Spend(long window, long month) {}

  /** An automatic top-up "in flight" flag of the ledger whose top-up ended (or never existed). */
  record EndedFlag(UUID workspaceId, String currency, UUID topUpId) {}

  Future<Standing> standing(UUID workspaceId);

  /** The spend ({@link io.atrium.billing.SpendEntries}) from {@code windowStart} on, and in the month of {@code monthStart} (null: 0). */
  Future<Spend> spend(UUID workspaceId, Instant windowStart, Instant monthStart);

  /** Entries newest first, before seq {@code before} (null: from the newest), filtered by type and [from, to). */
  Future<List<Entry>> entries(UUID workspaceId, String type, Instant from, Instant to, Long before, int limit);

  /** Usage in [from, to) summed per bucket ({@code hour}, {@code day} or {@code month}, UTC) and meter, oldest first. */
  Future<List<Usage>> usage(UUID workspaceId, Instant from, Instant to, String granularity);

  /** At most 200 flags of ended top-ups. */
  Future<List<EndedFlag>> endedAutoTopUps();
}
