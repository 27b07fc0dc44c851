package io.atrium.workspace.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the workspaces, and each user's access to them. */
interface Workspaces {

  /** Where a page of workspaces continues: after this (name, id). */
  record PageKey(String name, UUID id) {
    static PageKey of(List<String> parts) {
      return new PageKey(parts.get(0), UUID.fromString(parts.get(1)));
    }
  }

  /**
   * The live workspace with the user's direct and inherited access, in ONE statement: empty when the
   * workspace does not exist or was deleted; present with {@link WorkspaceAccess#NONE} when the user has none.
   */
  Future<Optional<Accessible>> accessible(UUID userId, UUID workspaceId);

  /** The workspaces the user can access, by name, optionally within one organization (one statement). */
  Future<List<Accessible>> accessibleTo(UUID userId, UUID organizationId, PageKey after, int limit);

  /** The first {@code limit} workspaces the user can access, by name, and their current choice: ONE statement. */
  Future<WithCurrent> accessibleWithCurrent(UUID userId, int limit);

  /** Accessible workspaces and the user's current choice, if any. */
  record WithCurrent(List<Accessible> workspaces, Optional<CurrentWorkspaces.Current> current) {}

  Future<Void> insert(Workspace workspace, UUID createdBy);

  Future<Void> rename(UUID workspaceId, String name);

  /** Locks the live workspace's row for the rest of the transaction; false when it is gone. */
  Future<Boolean> lock(UUID workspaceId);

  Future<Void> markDeleted(UUID workspaceId, Instant at);

  Future<Integer> countInOrganization(UUID organizationId);

  /** The live workspace, without any access check (for billing). */
  Future<Optional<Workspace>> byId(UUID workspaceId);
}
