package io.atrium.webhooks.internal;

import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

final class BusWorkspaceLookups extends BusClient implements WorkspaceLookups {

  BusWorkspaceLookups(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<UUID> organizationOf(UUID workspaceId) {
    return Rejected.orWhenNotFound(ask(WorkspaceAddresses.DESCRIBE, new JsonObject().put("workspaceId", workspaceId.toString()))
        .map(reply -> UUID.fromString(reply.getString("organizationId"))), null);
  }
}
