package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: direct workspace memberships, and member lists merged with the access inherited from organizations. */
interface Members {

  /** One row of a member list: a user with a direct membership, an inherited one, or both. */
  record Member(UUID userId, WorkspaceAccess access) {}

  /** Gives the user this direct level (creating the membership when there is none). */
  Future<Void> put(UUID workspaceId, UUID userId, AccessLevel level, Instant joinedAt);

  /** Ends the direct membership; false when there was none. */
  Future<Boolean> remove(UUID workspaceId, UUID userId);

  Future<Void> removeAll(UUID workspaceId);

  /** How many distinct users have owner access, direct or inherited. */
  Future<Integer> owners(UUID workspaceId);

  /** Direct and inherited members merged, by user id, after {@code after} (null: from the start), one statement. */
  Future<List<Member>> page(UUID workspaceId, UUID after, int limit);
}
