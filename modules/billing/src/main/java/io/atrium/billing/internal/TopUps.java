package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: top-up requests (the API inserts them pending; the worker writes their outcome). */
interface TopUps {

  /** A pending top-up as the reconciler re-queues it: the card of its request, else the account's (else empty). */
  record Stuck(UUID id, UUID workspaceId, long amount, String kind, String cardReference, String currency) {}

  /** False (nothing written) when the workspace's account is closed. */
  Future<Boolean> insertManual(TopUp topUp, String cardReference);

  Future<Optional<TopUp>> byId(UUID workspaceId, UUID topUpId);

  /**
   * At most 200 top-ups pending since before {@code before} and not re-queued since then, oldest first, locked until the
   * transaction ends (those locked by another pass are skipped).
   */
  Future<List<Stuck>> lockStuck(Instant before);

  Future<Void> markRequeued(List<UUID> ids, Instant at);
}
