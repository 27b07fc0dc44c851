package io.atrium.worker.internal.ledger;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * A credit lot: what one top-up ({@code paid}) or grant ({@code grant}) still has to spend. Its id is the
 * top-up's or grant's id, so a debit's funding names them. Mutable while a batch is planned.
 */
public final class Lot {

  /** Grants first, soonest expiring first (never-expiring grants last), then paid lots oldest first. */
  public static final Comparator<Lot> SPENDING_ORDER = Comparator
      .comparing((Lot lot) -> lot.kind.equals("grant") ? 0 : 1)
      .thenComparing(lot -> lot.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(lot -> lot.createdAt)
      .thenComparing(lot -> lot.id);

  final UUID id;
  final UUID workspaceId;
  final String kind;
  final String sourceId;
  final long original;
  final Instant expiresAt;
  final Instant createdAt;
  final boolean created; // in this batch
  long remaining;
  boolean changed;
  Instant expiryNoticedAt; // credit_grant.expiring was sent

  public Lot(UUID id, UUID workspaceId, String kind, String sourceId, long original, long remaining, Instant expiresAt, Instant createdAt, boolean created) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.kind = kind;
    this.sourceId = sourceId;
    this.original = original;
    this.remaining = remaining;
    this.expiresAt = expiresAt;
    this.createdAt = createdAt;
    this.created = created;
  }

  Lot noticed(Instant at) {
    expiryNoticedAt = at;
    return this;
  }

  boolean expiredAt(Instant time) {
    return expiresAt != null && !expiresAt.isAfter(time);
  }

  public UUID id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public long remaining() {
    return remaining;
  }
}
