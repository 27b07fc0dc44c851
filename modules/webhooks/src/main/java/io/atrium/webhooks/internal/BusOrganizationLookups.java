package io.atrium.webhooks.internal;

import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationFacts;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

final class BusOrganizationLookups extends BusClient implements OrganizationLookups {

  private final OrganizationFacts facts;

  BusOrganizationLookups(Vertx vertx) {
    super(vertx);
    this.facts = new OrganizationFacts(vertx);
  }

  @Override
  public Future<OrganizationRole> roleOf(UUID userId, UUID organizationId) {
    return contract(OrganizationDirectory.class).roleOf(userId, organizationId).map(role -> role.orElse(null));
  }

  @Override
  public Future<List<String>> adminEmails(UUID organizationId) {
    return facts.admins(organizationId).map(admins -> admins.stream().map(OrganizationFacts.Admin::email).filter(Objects::nonNull).toList());
  }
}
