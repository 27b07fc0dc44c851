package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: the workspace context, asked how many workspaces an organization still has. */
interface WorkspaceCounts {

  Future<Long> count(UUID organizationId);
}
