package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** An organization's audit log, newest first: admins. */
final class ReadAuditLog {

  private final UnitOfWork<OrganizationTables> storage;

  ReadAuditLog(UnitOfWork<OrganizationTables> storage) {
    this.storage = storage;
  }

  /**
   * {@code {userId, organizationId, limit?, cursor?}} → page of
   * {@code {id, occurredAt, actorId, action, subjectUserId, subjectEmail, details, requestId}}.
   */
  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    int limit = input.limit();
    Long before = input.cursor(parts -> Long.valueOf(PageCursor.sized(parts, 1).get(0)));
    OrganizationTables tables = storage.read();
    return input.validated()
        .compose(valid -> RoleChecks.require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(seen -> tables.auditLog().page(organizationId, before, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, row -> row.entry().toJson(null), row -> PageCursor.of(row.seq())));
  }
}
