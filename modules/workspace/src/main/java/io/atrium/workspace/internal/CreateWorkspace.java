package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.PriceCatalogue;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Creates a workspace in an organization: organization admins and owners only; the creator becomes direct owner. */
final class CreateWorkspace {

  static final int MAX_NAME = 200;
  private static final String DEFAULT_CURRENCY = "EUR";

  private final UnitOfWork<WorkspaceTables> storage;
  private final Set<String> currencies;
  private final Events events;
  private final Clock clock;

  CreateWorkspace(UnitOfWork<WorkspaceTables> storage, PriceCatalogue catalogue, Events events, Clock clock) {
    this.storage = storage;
    this.currencies = catalogue.currencies();
    this.events = events;
    this.clock = clock;
  }

  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID organizationId = input.id("organizationId");
    String name = input.text("name", 1, MAX_NAME);
    Object currency = request.getValue("currency") == null ? DEFAULT_CURRENCY : request.getValue("currency"); // absent or null
    if (!currencies.contains(currency)) {
      input.error("currency", "must be one of " + String.join(", ", currencies.stream().sorted().toList()));
    }
    return input.validated()
        .compose(valid -> storage.read().organizationRoles().roleOf(organizationId, userId))
        .compose(role -> {
          if (role.isEmpty()) {
            return Future.failedFuture(Rejection.notFound("organization").failure());
          }
          return AccessLevel.inheritedFrom(OrganizationRole.parse(role.get())) == null
              ? WorkspaceGuard.insufficient("needs the admin role in the organization") : Future.succeededFuture();
        })
        .compose(allowed -> {
          Instant now = Times.now(clock);
          Workspace workspace = new Workspace(UUID.randomUUID(), organizationId, name, (String) currency, now);
          Audit audit = new Audit(request, workspace.id(), userId, now);
          return storage.transaction(tables -> tables.workspaces().insert(workspace, userId)
                  .compose(inserted -> tables.members().put(workspace.id(), userId, AccessLevel.OWNER, now))
                  .compose(owned -> tables.auditLog().record(audit.entry("workspace.created", userId, null,
                      new JsonObject().put("name", name).put("currency", currency)))))
              .map(committed -> {
                events.created(workspace, userId);
                events.membershipChanged(workspace.id(), userId, AccessLevel.OWNER, null);
                return new Accessible(workspace, new WorkspaceAccess(AccessLevel.OWNER, null)).toJson();
              });
        });
  }
}
