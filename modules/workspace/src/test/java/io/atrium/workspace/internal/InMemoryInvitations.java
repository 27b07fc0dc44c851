package io.atrium.workspace.internal;

import io.atrium.platform.InvitationStatus;
import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Invitations} in memory, for rule tests: one pending invitation per workspace and address, tokens kept as hashes. */
final class InMemoryInvitations implements Invitations {

  private static final Comparator<Invitation> NEWEST_FIRST =
      Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::id).reversed();

  private final InMemoryWorkspaceData data;
  private final Map<UUID, Invitation> invitations = new HashMap<>();
  private final Map<UUID, byte[]> hashes = new HashMap<>();

  InMemoryInvitations(InMemoryWorkspaceData data) {
    this.data = data;
  }

  @Override
  public Future<Boolean> insert(Invitation invitation, byte[] tokenHash) {
    boolean taken = invitations.values().stream().anyMatch(i -> i.workspaceId().equals(invitation.workspaceId())
        && InvitationStatus.PENDING.equals(i.status()) && Invitation.normalize(i.email()).equals(Invitation.normalize(invitation.email())));
    if (!taken) {
      invitations.put(invitation.id(), invitation);
      hashes.put(invitation.id(), tokenHash.clone());
    }
    return Future.succeededFuture(!taken);
  }

  @Override
  public Future<Void> expireLapsed(UUID workspaceId, String email, Instant now) {
    invitations.replaceAll((id, i) -> i.workspaceId().equals(workspaceId) && Invitation.normalize(i.email()).equals(Invitation.normalize(email))
        && InvitationStatus.EXPIRED.equals(i.statusAt(now)) ? with(i, InvitationStatus.EXPIRED) : i);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Addressed>> byTokenHash(byte[] tokenHash) {
    return Future.succeededFuture(hashes.entrySet().stream().filter(e -> Arrays.equals(e.getValue(), tokenHash)).findFirst()
        .map(e -> addressed(invitations.get(e.getKey()))));
  }

  @Override
  public Future<Optional<Invitation>> byId(UUID workspaceId, UUID invitationId) {
    return Future.succeededFuture(Optional.ofNullable(invitations.get(invitationId)).filter(i -> i.workspaceId().equals(workspaceId)));
  }

  @Override
  public Future<Boolean> answer(UUID invitationId, String status, Instant at) {
    Invitation found = invitations.get(invitationId);
    boolean pending = found != null && InvitationStatus.PENDING.equals(found.status());
    if (pending) {
      invitations.put(invitationId, with(found, status));
    }
    return Future.succeededFuture(pending);
  }

  @Override
  public Future<List<Invitation>> page(UUID workspaceId, PageKey after, int limit) {
    return Future.succeededFuture(invitations.values().stream().filter(i -> i.workspaceId().equals(workspaceId))
        .filter(i -> after == null || NEWEST_FIRST.compare(i, new Invitation(after.id(), null, null, null, null, null, after.createdAt(), null)) > 0)
        .sorted(NEWEST_FIRST).limit(limit).toList());
  }

  @Override
  public Future<List<Addressed>> openFor(String email, Instant now) {
    return Future.succeededFuture(invitations.values().stream()
        .filter(i -> Invitation.normalize(i.email()).equals(Invitation.normalize(email)) && InvitationStatus.PENDING.equals(i.statusAt(now)))
        .filter(i -> data.workspaces.containsKey(i.workspaceId())).sorted(NEWEST_FIRST).map(this::addressed).toList());
  }

  @Override
  public Future<Void> revokeAll(UUID workspaceId, Instant at) {
    invitations.replaceAll((id, i) -> i.workspaceId().equals(workspaceId) && InvitationStatus.PENDING.equals(i.status()) ? with(i, InvitationStatus.REVOKED) : i);
    return Future.succeededFuture();
  }

  /** The invitation's stored status (a lapsed pending one reads pending here, as its row does). */
  String statusOf(UUID invitationId) {
    return invitations.get(invitationId).status();
  }

  /** The invitations as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(invitations, hashes);
  }

  private Addressed addressed(Invitation invitation) {
    Workspace workspace = data.workspaces.get(invitation.workspaceId());
    return new Addressed(invitation, workspace == null ? null : workspace.organizationId(), workspace == null ? null : workspace.name());
  }

  private static Invitation with(Invitation i, String status) {
    return new Invitation(i.id(), i.workspaceId(), i.email(), i.accessLevel(), status, i.invitedBy(), i.createdAt(), i.expiresAt());
  }
}
