package io.atrium.webhooks.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.BusClient;
import io.atrium.platform.Rejected;
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
  public Future<String> roleOf(UUID userId, UUID organizationId) {
    JsonObject request = new JsonObject().put("userId", userId.toString()).put("organizationId", organizationId.toString());
    return Rejected.orWhenNotFound(ask(OrganizationAddresses.GET, request).map(reply -> reply.getString("role")), null);
  }

  @Override
  public Future<List<String>> adminEmails(UUID organizationId) {
    return ask(OrganizationAddresses.ADMINS_OF, new JsonObject().put("organizationId", organizationId.toString()))
        .map(reply -> reply.getJsonArray("items").stream().map(JsonObject.class::cast).map(admin -> admin.getString("email"))
            .filter(Objects::nonNull).toList());
  }
}
