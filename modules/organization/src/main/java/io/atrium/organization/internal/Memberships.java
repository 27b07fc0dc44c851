package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: who belongs to which organization, with which role. */
interface Memberships {

  Future<Void> insert(UUID organizationId, Member member);

  /** The member, or null. */
  Future<Member> find(UUID organizationId, UUID userId);

  Future<Void> changeRole(UUID organizationId, UUID userId, OrganizationRole role);

  Future<Void> delete(UUID organizationId, UUID userId);

  Future<Integer> countOwners(UUID organizationId);

  /** Members by join time, then user id, after the given key (null: from the start); at most {@code limit}. */
  Future<List<Member>> page(UUID organizationId, JoinKey after, int limit);

  /** Every member's user id. */
  Future<List<UUID>> userIds(UUID organizationId);

  /** Every membership ordered by (organization, user), after the given pair (nulls: from the start). */
  Future<List<Snapshot>> snapshot(UUID afterOrganizationId, UUID afterUserId, int limit);

  /** Remembers that an admin removed the user, so single sign-on does not add them back on its own. */
  Future<Void> recordRemoval(UUID organizationId, UUID userId, Instant removedAt);

  Future<Boolean> wasRemoved(UUID organizationId, UUID userId);

  /** An invitation accepted again lifts the removal. */
  Future<Void> forgetRemoval(UUID organizationId, UUID userId);

  record JoinKey(Instant joinedAt, UUID userId) {}

  record Snapshot(UUID organizationId, UUID userId, OrganizationRole role) {}
}
