package io.atrium.organization.internal;

import io.atrium.platform.InvitationStatus;
import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link Invitations} in memory, for rule tests; the token is kept only as its hash, as in SQL. */
final class InMemoryInvitations implements Invitations {

  private final Map<UUID, Invitation> invitations = new HashMap<>();
  private final Map<UUID, byte[]> hashes = new HashMap<>();

  @Override
  public Future<Void> insert(Invitation invitation, byte[] tokenHash) {
    invitations.put(invitation.id(), invitation);
    hashes.put(invitation.id(), tokenHash.clone());
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> openFor(UUID organizationId, String email, Instant now) {
    return Future.succeededFuture(invitations.values().stream().anyMatch(i -> i.organizationId().equals(organizationId)
        && i.email().equalsIgnoreCase(email) && InvitationStatus.PENDING.equals(i.statusAt(now))));
  }

  @Override
  public Future<Invitation> lockByTokenHash(byte[] tokenHash) {
    return Future.succeededFuture(hashes.entrySet().stream().filter(e -> Arrays.equals(e.getValue(), tokenHash))
        .map(e -> invitations.get(e.getKey())).findFirst().orElse(null));
  }

  @Override
  public Future<Invitation> lock(UUID organizationId, UUID invitationId) {
    Invitation found = invitations.get(invitationId);
    return Future.succeededFuture(found != null && found.organizationId().equals(organizationId) ? found : null);
  }

  @Override
  public Future<Void> answer(UUID invitationId, String status, UUID answeredBy, Instant answeredAt) {
    invitations.computeIfPresent(invitationId, (id, i) -> new Invitation(id, i.organizationId(), i.organizationName(), i.email(),
        i.role(), status, i.invitedBy(), i.createdAt(), i.expiresAt()));
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Invitation>> page(UUID organizationId, CreatedKey after, int limit) {
    Comparator<Invitation> newestFirst = Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::id).reversed();
    return Future.succeededFuture(invitations.values().stream().filter(i -> i.organizationId().equals(organizationId))
        .filter(i -> after == null || i.createdAt().isBefore(after.createdAt())
            || i.createdAt().equals(after.createdAt()) && i.id().compareTo(after.id()) < 0)
        .sorted(newestFirst).limit(limit).toList());
  }

  @Override
  public Future<List<Invitation>> openForEmail(String email, Instant now) {
    return Future.succeededFuture(invitations.values().stream()
        .filter(i -> i.email().equalsIgnoreCase(email) && InvitationStatus.PENDING.equals(i.statusAt(now)))
        .sorted(Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::id).reversed()).toList());
  }

  /** Every invitation stored, in no order. */
  List<Invitation> all() {
    return List.copyOf(invitations.values());
  }

  /** The invitations as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(invitations, hashes);
  }
}
