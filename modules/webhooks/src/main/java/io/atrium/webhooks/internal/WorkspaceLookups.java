package io.atrium.webhooks.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: the workspace context. */
interface WorkspaceLookups {

  /** The organization the workspace belongs to, or null when there is no such workspace. */
  Future<UUID> organizationOf(UUID workspaceId);
}
