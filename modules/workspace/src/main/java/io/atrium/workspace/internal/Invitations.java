package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: workspace invitations, found by the hash of their token. */
interface Invitations {

  /** An invitation with what answering it needs to know about its workspace. */
  record Addressed(Invitation invitation, UUID organizationId, String workspaceName) {}

  /** Where a page of invitations continues: after this (createdAt, id), newest first. */
  record PageKey(Instant createdAt, UUID id) {
    static PageKey of(List<String> parts) {
      return new PageKey(Times.parse(parts.get(0)), UUID.fromString(parts.get(1)));
    }
  }

  /** Stores a new pending invitation; false when one is already open for that address. */
  Future<Boolean> insert(Invitation invitation, byte[] tokenHash);

  /** Marks the workspace's pending invitations for this address that have run out as expired. */
  Future<Void> expireLapsed(UUID workspaceId, String email, Instant now);

  /** The invitation with this token hash, its row locked for the transaction. */
  Future<Optional<Addressed>> byTokenHash(byte[] tokenHash);

  Future<Optional<Invitation>> byId(UUID workspaceId, UUID invitationId);

  /** Moves a pending invitation to {@code status}; false when it was no longer pending. */
  Future<Boolean> answer(UUID invitationId, String status, Instant at);

  Future<List<Invitation>> page(UUID workspaceId, PageKey after, int limit);

  /** Pending, unexpired invitations to this address, in every workspace. */
  Future<List<Addressed>> openFor(String email, Instant now);

  Future<Void> revokeAll(UUID workspaceId, Instant at);
}
