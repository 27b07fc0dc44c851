package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Deleting an organization: owners, once it has no workspaces left. */
final class DeleteOrganization {

  private final UnitOfWork<OrganizationTables> storage;
  private final WorkspaceCounts workspaces;
  private final Announcer announcer;
  private final Clock clock;

  DeleteOrganization(UnitOfWork<OrganizationTables> storage, WorkspaceCounts workspaces, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.workspaces = workspaces;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, requestId?}} → {}; {@code conflict} while it still has workspaces. */
  Future<JsonObject> delete(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    return input.validated()
        .compose(valid -> RoleChecks.require(storage.read().organizations(), organizationId, userId, OrganizationRole.OWNER, false))
        .compose(seen -> countWorkspaces(organizationId))
        .compose(count -> count > 0
            ? Future.failedFuture(Rejection.conflict("the organization still has " + count + " workspace(s)").failure())
            : storage.transaction(tables -> deleteLocked(tables, organizationId, userId, requestId)))
        .compose((List<UUID> members) -> announcer.deleted(organizationId, members))
        .map(announced -> new JsonObject());
  }

  /** Deletes it once the caller is still its owner under the lock; the former members' ids. */
  private Future<List<UUID>> deleteLocked(OrganizationTables tables, UUID organizationId, UUID userId, String requestId) {
    return RoleChecks.require(tables.organizations(), organizationId, userId, OrganizationRole.OWNER, true)
        .compose(seen -> tables.memberships().userIds(organizationId).compose(members -> tables.auditLog()
            .append(AuditEntry.of(organizationId, Times.now(clock), userId, "organization.deleted", requestId)
                .with("name", seen.organization().name())
                .with("members", members.size()))
            .compose(logged -> tables.organizations().delete(organizationId))
            .map(deleted -> members)));
  }

  private Future<Long> countWorkspaces(UUID organizationId) {
    return workspaces.count(organizationId).recover(failure -> failure instanceof Rejected
        ? Future.failedFuture(failure)
        : Future.failedFuture(Rejection.of(Codes.UNAVAILABLE, "the organization's workspaces cannot be counted now").failure()));
  }
}
