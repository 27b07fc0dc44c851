package io.atrium.organization;

import io.atrium.platform.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * What other contexts (billing's operators, webhooks' mail) learn about organizations without a caller, typed, over
 * the bus ({@link OrganizationAddresses}) because they may run in another process. The JSON stays in here.
 */
public final class OrganizationFacts extends BusClient {

  /** An owner or admin of an organization; email and name are null for a user identity no longer knows. */
  public record Admin(UUID userId, String email, String name, OrganizationRole role) {}

  public OrganizationFacts(Vertx vertx) {
    super(vertx);
  }

  /** Succeeds when the organization exists; {@code not_found} otherwise. */
  public Future<Void> exists(UUID organizationId) {
    return ask(OrganizationAddresses.DESCRIBE, organization(organizationId)).mapEmpty();
  }

  /** Its owners and admins. */
  public Future<List<Admin>> admins(UUID organizationId) {
    return ask(OrganizationAddresses.ADMINS_OF, organization(organizationId)).map(reply -> reply.getJsonArray("items", new JsonArray())
        .stream().map(JsonObject.class::cast).map(json -> new Admin(UUID.fromString(json.getString("userId")), json.getString("email"),
            json.getString("name"), OrganizationRole.parse(json.getString("role")))).toList());
  }

  private static JsonObject organization(UUID organizationId) {
    return new JsonObject().put("organizationId", organizationId.toString());
  }
}
