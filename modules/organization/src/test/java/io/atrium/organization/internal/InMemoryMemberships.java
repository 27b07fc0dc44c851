package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.testing.Savepoints;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** {@link Memberships} in memory, keyed by (organization, user), for rule tests. */
final class InMemoryMemberships implements Memberships {

  private final Map<List<UUID>, Member> members = new HashMap<>();
  private final Set<List<UUID>> removals = new HashSet<>();

  @Override
  public Future<Void> insert(UUID organizationId, Member member) {
    members.put(List.of(organizationId, member.userId()), member);
    return Future.succeededFuture();
  }

  @Override
  public Future<Member> find(UUID organizationId, UUID userId) {
    return Future.succeededFuture(members.get(List.of(organizationId, userId)));
  }

  @Override
  public Future<Void> changeRole(UUID organizationId, UUID userId, OrganizationRole role) {
    members.computeIfPresent(List.of(organizationId, userId), (key, member) -> new Member(userId, role, member.joinedAt()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(UUID organizationId, UUID userId) {
    members.remove(List.of(organizationId, userId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> countOwners(UUID organizationId) {
    return Future.succeededFuture((int) of(organizationId).filter(m -> m.role() == OrganizationRole.OWNER).count());
  }

  @Override
  public Future<List<Member>> page(UUID organizationId, JoinKey after, int limit) {
    Comparator<Member> order = Comparator.comparing(Member::joinedAt).thenComparing(Member::userId);
    return Future.succeededFuture(of(organizationId)
        .filter(m -> after == null || order.compare(m, new Member(after.userId(), null, after.joinedAt())) > 0)
        .sorted(order).limit(limit).toList());
  }

  @Override
  public Future<List<UUID>> userIds(UUID organizationId) {
    return Future.succeededFuture(of(organizationId).map(Member::userId).toList());
  }

  @Override
  public Future<List<Snapshot>> snapshot(UUID afterOrganizationId, UUID afterUserId, int limit) {
    Comparator<Snapshot> order = Comparator.comparing(Snapshot::organizationId).thenComparing(Snapshot::userId);
    return Future.succeededFuture(members.entrySet().stream()
        .map(e -> new Snapshot(e.getKey().get(0), e.getKey().get(1), e.getValue().role()))
        .filter(s -> afterOrganizationId == null || order.compare(s, new Snapshot(afterOrganizationId, afterUserId, null)) > 0)
        .sorted(order).limit(limit).toList());
  }

  @Override
  public Future<Void> recordRemoval(UUID organizationId, UUID userId, Instant removedAt) {
    removals.add(List.of(organizationId, userId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> wasRemoved(UUID organizationId, UUID userId) {
    return Future.succeededFuture(removals.contains(List.of(organizationId, userId)));
  }

  @Override
  public Future<Void> forgetRemoval(UUID organizationId, UUID userId) {
    removals.remove(List.of(organizationId, userId));
    return Future.succeededFuture();
  }

  /** The member's role, or null. */
  OrganizationRole roleOf(UUID organizationId, UUID userId) {
    Member member = members.get(List.of(organizationId, userId));
    return member == null ? null : member.role();
  }

  void dropOrganization(UUID organizationId) {
    members.keySet().removeIf(key -> key.get(0).equals(organizationId));
  }

  /** The memberships as they are now; running the result puts them back. */
  Runnable savepoint() {
    return Savepoints.of(members, removals);
  }

  private Stream<Member> of(UUID organizationId) {
    return members.entrySet().stream().filter(e -> e.getKey().get(0).equals(organizationId)).map(Map.Entry::getValue);
  }
}
