package io.atrium.identity.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The organization context, asked over the event bus: identity never touches its tables. */
final class BusOrganizations implements Organizations {

  private final Vertx vertx;

  BusOrganizations(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> createOwnedBy(UUID ownerId, String name) {
    return Bus.request(vertx, OrganizationAddresses.CREATE, new JsonObject().put("ownerId", ownerId.toString()).put("name", name))
        .mapEmpty();
  }

  @Override
  public Future<JsonArray> membershipsOf(UUID userId) {
    return Bus.request(vertx, OrganizationAddresses.MEMBERSHIPS_OF_USER, new JsonObject().put("userId", userId.toString()))
        .map(reply -> reply.getJsonArray("items", new JsonArray()));
  }
}
