package io.atrium.billing.internal;

import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationFacts;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.UUID;

final class BusBillingOrganizations extends BusClient implements BillingOrganizations {

  private final OrganizationFacts facts;

  BusBillingOrganizations(Vertx vertx) {
    super(vertx);
    this.facts = new OrganizationFacts(vertx);
  }

  @Override
  public Future<Void> exists(UUID organizationId) {
    return facts.exists(organizationId);
  }

  @Override
  public Future<OrganizationRole> roleOf(UUID userId, UUID organizationId) {
    return contract(OrganizationDirectory.class).roleOf(userId, organizationId).map(role -> role.orElse(null));
  }
}
