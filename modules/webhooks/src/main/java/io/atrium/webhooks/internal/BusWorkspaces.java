package io.atrium.webhooks.internal;

import io.atrium.platform.Bus;
import io.atrium.platform.Rejected;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

final class BusWorkspaces implements Workspaces {

  private final Vertx vertx;

  BusWorkspaces(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<UUID> organizationOf(UUID workspaceId) {
    return Rejected.orWhenNotFound(Bus.request(vertx, WorkspaceAddresses.DESCRIBE, new JsonObject().put("workspaceId", workspaceId.toString()))
        .map(reply -> UUID.fromString(reply.getString("organizationId"))), null);
  }
}
