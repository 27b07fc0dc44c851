package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** {@link Memberships} in memory, for rule tests. */
final class InMemoryMemberships implements Memberships {

  private Map<UUID, Map<UUID, Member>> members = new TreeMap<>();
  private Set<List<UUID>> removals = new HashSet<>();

  @Override
  public Future<Void> insert(UUID organizationId, Member member) {
    members.computeIfAbsent(organizationId, id -> new TreeMap<>()).put(member.userId(), member);
    return Future.succeededFuture();
  }

  @Override
  public Future<Member> find(UUID organizationId, UUID userId) {
    return Future.succeededFuture(of(organizationId).get(userId));
  }

  @Override
  public Future<Void> changeRole(UUID organizationId, UUID userId, Role role) {
    of(organizationId).computeIfPresent(userId, (id, member) -> new Member(id, role, member.joinedAt()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(UUID organizationId, UUID userId) {
    of(organizationId).remove(userId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> countOwners(UUID organizationId) {
    return Future.succeededFuture((int) of(organizationId).values().stream().filter(m -> m.role() == Role.OWNER).count());
  }

  @Override
  public Future<List<Member>> page(UUID organizationId, JoinKey after, int limit) {
    Comparator<Member> order = Comparator.comparing(Member::joinedAt).thenComparing(Member::userId);
    return Future.succeededFuture(of(organizationId).values().stream()
        .filter(m -> after == null || order.compare(m, new Member(after.userId(), null, after.joinedAt())) > 0)
        .sorted(order).limit(limit).toList());
  }

  @Override
  public Future<List<UUID>> userIds(UUID organizationId) {
    return Future.succeededFuture(List.copyOf(of(organizationId).keySet()));
  }

  @Override
  public Future<List<Snapshot>> snapshot(UUID afterOrganizationId, UUID afterUserId, int limit) {
    List<Snapshot> rows = new ArrayList<>();
    members.forEach((organizationId, byUser) -> byUser.values().forEach(m -> rows.add(new Snapshot(organizationId, m.userId(), m.role()))));
    Comparator<Snapshot> order = Comparator.comparing(Snapshot::organizationId).thenComparing(Snapshot::userId);
    return Future.succeededFuture(rows.stream()
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
  Role roleOf(UUID organizationId, UUID userId) {
    Member member = of(organizationId).get(userId);
    return member == null ? null : member.role();
  }

  void dropOrganization(UUID organizationId) {
    members.remove(organizationId);
  }

  /** The memberships as they are now; running the result puts them back. */
  Runnable savepoint() {
    Map<UUID, Map<UUID, Member>> saved = new TreeMap<>();
    members.forEach((id, byUser) -> saved.put(id, new TreeMap<>(byUser)));
    Set<List<UUID>> savedRemovals = new HashSet<>(removals);
    return () -> {
      members = saved;
      removals = savedRemovals;
    };
  }

  private Map<UUID, Member> of(UUID organizationId) {
    return members.computeIfAbsent(organizationId, id -> new TreeMap<>());
  }
}
