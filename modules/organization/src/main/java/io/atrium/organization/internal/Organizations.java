package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Port: the stored organizations, each seen through one member's role. */
interface Organizations {

  Future<Void> insert(Organization organization);

  /**
   * The organization as the given user sees it, or null when it does not exist or they are not a member.
   * With {@code lock}, the organization's row stays locked until the transaction ends, so that membership
   * changes of one organization happen one after another (the last-owner rule depends on it).
   */
  Future<Organization.Seen> seenBy(UUID organizationId, UUID userId, boolean lock);

  /** The organization, whoever asks; null when it does not exist. */
  Future<Organization> byId(UUID organizationId);

  Future<Void> rename(UUID organizationId, String name);

  /** Deletes it with its memberships and invitations (the audit log stays). */
  Future<Void> delete(UUID organizationId);

  /** The user's organizations by name, then id, after the given key (null: from the start); at most {@code limit}. */
  Future<List<Organization.Seen>> ofUser(UUID userId, NameKey after, int limit);

  /** Whether the organization requires two-factor sign-in; null when it does not exist. */
  Future<Boolean> requiresMfa(UUID organizationId);

  Future<Void> requireMfa(UUID organizationId, boolean required);

  /** Whether it requires two-factor sign-in and the user is a member ({@code userId} null: not); null when it does not exist. */
  Future<MfaPolicy> mfaPolicy(UUID organizationId, UUID userId);

  record MfaPolicy(boolean requireMfa, boolean member) {}

  /** A position in a list ordered by name, then id. */
  record NameKey(String name, UUID id) {}
}
