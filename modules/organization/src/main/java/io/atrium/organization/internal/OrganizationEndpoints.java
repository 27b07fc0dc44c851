package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Bus;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The organization context's event-bus endpoints; see {@link OrganizationAddresses} for the contract. */
public final class OrganizationEndpoints {

  private static final int MAX_NAME = 200;

  private final Organizations organizations;
  private final Memberships memberships;
  private final Clock clock;

  private OrganizationEndpoints(Organizations organizations, Memberships memberships, Clock clock) {
    this.organizations = organizations;
    this.memberships = memberships;
    this.clock = clock;
  }

  /** Registers every endpoint; completes once all are reachable. */
  public static Future<Void> serve(Vertx vertx, Pool pool, Clock clock) {
    OrganizationEndpoints endpoints = new OrganizationEndpoints(new SqlOrganizations(pool), new SqlMemberships(pool), clock);
    return Future.all(List.of(
        Bus.serve(vertx, OrganizationAddresses.CREATE, endpoints::create).completion(),
        Bus.serve(vertx, OrganizationAddresses.MEMBERSHIPS_OF_USER, endpoints::membershipsOfUser).completion()))
        .mapEmpty();
  }

  Future<JsonObject> create(JsonObject request) {
    UUID ownerId = uuid(request, "ownerId");
    String name = request.getValue("name") instanceof String s ? s.trim() : null;
    if (ownerId == null) {
      return Future.failedFuture(Rejection.invalid("ownerId", "must be a UUID").failure());
    }
    if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
      return Future.failedFuture(Rejection.invalid("name", "must be 1 to " + MAX_NAME + " characters").failure());
    }
    Organization organization = new Organization(UUID.randomUUID(), name, clock.instant().truncatedTo(ChronoUnit.MICROS));
    return organizations.createWithOwner(organization, ownerId).map(created -> organization.toJson());
  }

  Future<JsonObject> membershipsOfUser(JsonObject request) {
    UUID userId = uuid(request, "userId");
    if (userId == null) {
      return Future.failedFuture(Rejection.invalid("userId", "must be a UUID").failure());
    }
    return memberships.ofUser(userId).map(list -> new JsonObject()
        .put("items", new JsonArray(list.stream().map(Membership::toJson).toList())));
  }

  private static UUID uuid(JsonObject request, String field) {
    try {
      return request.getValue(field) instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
