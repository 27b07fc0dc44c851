package io.atrium.workspace.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.PriceCatalogue;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Creates a workspace in an organization: organization admins and owners only; the creator becomes direct owner. */
final class CreateWorkspace {

  static final int MAX_NAME = 200;
  private static final String DEFAULT_CURRENCY = "EUR";

  private final WorkspacePorts context;
  private final Set<String> currencies;

  CreateWorkspace(WorkspacePorts context, PriceCatalogue catalogue) {
    this.context = context;
    this.currencies = catalogue.currencies();
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
        .compose(valid -> context.roles().roleOf(context.reads(), organizationId, userId))
        .compose(role -> {
          if (role.isEmpty()) {
            return Future.failedFuture(Rejection.notFound("organization").failure());
          }
          return AccessLevel.inheritedFrom(OrganizationRole.parse(role.get())) == null
              ? WorkspaceGuard.insufficient("needs the admin role in the organization") : Future.succeededFuture();
        })
        .compose(allowed -> {
          Instant now = Times.now(context.clock());
          Workspace workspace = new Workspace(UUID.randomUUID(), organizationId, name, (String) currency, now);
          Audit audit = new Audit(request, workspace.id(), userId, now);
          return context.transactions().run(db -> context.workspaces().insert(db, workspace, userId)
                  .compose(inserted -> context.members().put(db, workspace.id(), userId, AccessLevel.OWNER, now))
                  .compose(owned -> context.audit().record(db, audit.entry("workspace.created", userId, null,
                      new JsonObject().put("name", name).put("currency", currency)))))
              .map(committed -> {
                context.events().created(workspace, userId);
                context.events().membershipChanged(workspace.id(), userId, AccessLevel.OWNER, null);
                return new Accessible(workspace, new WorkspaceAccess(AccessLevel.OWNER, null)).toJson();
              });
        });
  }
}
