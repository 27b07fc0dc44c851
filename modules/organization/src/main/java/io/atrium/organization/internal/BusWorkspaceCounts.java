package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The workspace context, asked over the event bus. */
final class BusWorkspaceCounts extends BusClient implements WorkspaceCounts {

  BusWorkspaceCounts(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Long> count(UUID organizationId) {
    return ask(OrganizationAddresses.WORKSPACE_COUNT, new JsonObject().put("organizationId", organizationId.toString()))
        .map(reply -> reply.getLong("count", 0L));
  }
}
