package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: invitations to organizations, found by the SHA-256 of their token. */
interface Invitations {

  Future<Void> insert(Invitation invitation, byte[] tokenHash);

  /** Whether a pending invitation of the organization for the email is still open at {@code now}. */
  Future<Boolean> openFor(UUID organizationId, String email, Instant now);

  /** The invitation whose token hashes so, locked for the transaction, or null. */
  Future<Invitation> lockByTokenHash(byte[] tokenHash);

  /** The organization's invitation, locked for the transaction, or null. */
  Future<Invitation> lock(UUID organizationId, UUID invitationId);

  Future<Void> answer(UUID invitationId, String status, UUID answeredBy, Instant answeredAt);

  /** Newest first (by creation time, then id), after the given key; at most {@code limit}. */
  Future<List<Invitation>> page(UUID organizationId, CreatedKey after, int limit);

  /** The pending, unexpired invitations for the email, newest first. */
  Future<List<Invitation>> openForEmail(String email, Instant now);

  record CreatedKey(Instant createdAt, UUID id) {}
}
