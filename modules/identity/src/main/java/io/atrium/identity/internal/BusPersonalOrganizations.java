package io.atrium.identity.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Asks {@link IdentityAddresses#USER_REGISTERED}, which the organization context serves. */
final class BusPersonalOrganizations extends BusClient implements PersonalOrganizations {

  BusPersonalOrganizations(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Void> createFor(UUID userId, String userName) {
    return ask(IdentityAddresses.USER_REGISTERED,
        new JsonObject().put("userId", userId.toString()).put("name", userName)).mapEmpty();
  }
}
