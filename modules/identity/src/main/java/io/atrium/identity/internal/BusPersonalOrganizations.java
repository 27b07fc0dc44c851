package io.atrium.identity.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Asks {@link IdentityAddresses#USER_REGISTERED}, which the organization context serves. */
final class BusPersonalOrganizations implements PersonalOrganizations {

  private final Vertx vertx;

  BusPersonalOrganizations(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> createFor(UUID userId, String userName) {
    return Bus.request(vertx, IdentityAddresses.USER_REGISTERED,
        new JsonObject().put("userId", userId.toString()).put("name", userName)).mapEmpty();
  }
}
