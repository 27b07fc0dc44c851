package io.atrium.webhooks.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

final class BusOrganizationLookups extends BusClient implements OrganizationLookups {

  BusOrganizationLookups(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<OrganizationRole> roleOf(UUID userId, UUID organizationId) {
    return contract(OrganizationDirectory.class).roleOf(userId, organizationId).map(role -> role.orElse(null));
  }

  @Override
  public Future<List<String>> adminEmails(UUID organizationId) {
    return ask(OrganizationAddresses.ADMINS_OF, new JsonObject().put("organizationId", organizationId.toString()))
        .map(reply -> reply.getJsonArray("items").stream().map(JsonObject.class::cast).map(admin -> admin.getString("email"))
            .filter(Objects::nonNull).toList());
  }
}
