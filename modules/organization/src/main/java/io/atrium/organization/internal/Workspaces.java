package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: the workspace context, asked how many workspaces an organization still has. */
interface Workspaces {

  Future<Long> count(UUID organizationId);
}
