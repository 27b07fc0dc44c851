package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** Renaming an organization: admins. */
final class RenameOrganization {

  private final UnitOfWork<OrganizationTables> storage;
  private final Clock clock;

  RenameOrganization(UnitOfWork<OrganizationTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, name, requestId?}} → {@code {id, name, createdAt, role}}. */
  Future<JsonObject> rename(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String name = input.name("name");
    String requestId = input.requestId();
    return input.validated().compose(valid -> storage.transaction(tables -> RoleChecks
        .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
        .compose(seen -> {
          Organization renamed = new Organization(organizationId, name, seen.organization().createdAt());
          if (name.equals(seen.organization().name())) {
            return Future.succeededFuture(new Organization.Seen(renamed, seen.role()));
          }
          AuditEntry entry = AuditEntry.of(organizationId, Times.now(clock), userId, "organization.renamed", requestId)
              .with("from", seen.organization().name()).with("to", name);
          return tables.organizations().rename(organizationId, name)
              .compose(done -> tables.auditLog().append(entry))
              .map(done -> new Organization.Seen(renamed, seen.role()));
        })))
        .map(Organization.Seen::toJson);
  }
}
