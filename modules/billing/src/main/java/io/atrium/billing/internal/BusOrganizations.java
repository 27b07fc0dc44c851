package io.atrium.billing.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

final class BusOrganizations extends BusClient implements Organizations {

  BusOrganizations(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Void> exists(UUID organizationId) {
    return ask(OrganizationAddresses.DESCRIBE, new JsonObject().put("organizationId", organizationId.toString())).mapEmpty();
  }

  @Override
  public Future<String> roleOf(UUID userId, UUID organizationId) {
    JsonObject request = new JsonObject().put("userId", userId.toString()).put("organizationId", organizationId.toString());
    return Rejected.orWhenNotFound(ask(OrganizationAddresses.GET, request).map(reply -> reply.getString("role")), null);
  }
}
