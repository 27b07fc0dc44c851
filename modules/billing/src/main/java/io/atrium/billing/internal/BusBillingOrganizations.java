package io.atrium.billing.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

final class BusBillingOrganizations extends BusClient implements BillingOrganizations {

  BusBillingOrganizations(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Void> exists(UUID organizationId) {
    return ask(OrganizationAddresses.DESCRIBE, new JsonObject().put("organizationId", organizationId.toString())).mapEmpty();
  }

  @Override
  public Future<OrganizationRole> roleOf(UUID userId, UUID organizationId) {
    return contract(OrganizationDirectory.class).roleOf(userId, organizationId).map(role -> role.orElse(null));
  }
}
