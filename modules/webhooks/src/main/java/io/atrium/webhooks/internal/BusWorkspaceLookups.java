package io.atrium.webhooks.internal;

import io.atrium.platform.Rejected;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.UUID;

final class BusWorkspaceLookups implements WorkspaceLookups {

  private final WorkspaceFacts facts;

  BusWorkspaceLookups(Vertx vertx) {
    this.facts = new WorkspaceFacts(vertx);
  }

  @Override
  public Future<UUID> organizationOf(UUID workspaceId) {
    return Rejected.orWhenNotFound(facts.describe(workspaceId).map(WorkspaceFacts.Summary::organizationId), null);
  }
}
