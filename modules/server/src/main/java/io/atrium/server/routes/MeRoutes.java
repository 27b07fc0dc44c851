package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.UserProfiles;
import io.atrium.identity.UserProfiles.UserProfile;
import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationDirectory.OrganizationMembership;
import io.atrium.platform.Rejection;
import io.atrium.server.http.Caller;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceDirectory;
import io.atrium.workspace.WorkspaceDirectory.UserWorkspaces;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET/PATCH /me}: the profile (identity), the organizations (organization context), and the
 * accessible and current workspaces (workspace context), read side by side through their typed contracts and put together.
 */
final class MeRoutes {

  /** /me lists every workspace; past this many, clients page {@code GET /workspaces}. */
  private static final int WORKSPACES_SHOWN = 200;

  private final Contexts contexts;

  private MeRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    MeRoutes routes = new MeRoutes(contexts);
    api.get("/me").handler(auth).handler(ctx -> Replies.json(ctx, 200, routes.me(ctx)));
    api.patch("/me").handler(auth).handler(routes::update);
  }

  /** Checks everything before changing anything: the workspace's access (a read), then the name, then the choice. */
  private void update(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).optionalString("name").optionalString("currentWorkspaceId").valid();
    boolean choosing = body.containsKey("currentWorkspaceId");
    String workspaceId = choosing ? workspaceId(body.getString("currentWorkspaceId")) : null;
    JsonObject workspace = new JsonObject().put("workspaceId", workspaceId);
    Future<?> accessible = workspaceId == null ? Future.succeededFuture() : contexts.askAs(ctx, WorkspaceAddresses.ACCESS_OF, workspace);
    Future<?> renamed = accessible.compose(ok -> body.containsKey("name")
        ? contexts.askAs(ctx, IdentityAddresses.UPDATE_ME, new JsonObject().put("name", body.getValue("name")))
        : Future.succeededFuture());
    Future<?> chosen = renamed.compose(ok -> choosing ? contexts.askAs(ctx, WorkspaceAddresses.SET_CURRENT, workspace) : Future.succeededFuture());
    Replies.json(ctx, 200, chosen.compose(done -> me(ctx)));
  }

  private static String workspaceId(String given) {
    if (given == null) {
      return null;
    }
    try {
      return UUID.fromString(given).toString();
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid("currentWorkspaceId", "must be a workspace id").failure();
    }
  }

  /** Three statements side by side, one per context: the profile, the organizations, the workspaces with the current one. */
  private Future<JsonObject> me(RoutingContext ctx) {
    UUID userId = Caller.of(ctx).userId();
    Future<UserProfile> profile = contexts.contract(UserProfiles.class).profileOf(userId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get()) : Future.failedFuture(Rejection.notFound("User").failure()));
    Future<List<OrganizationMembership>> organizations = contexts.contract(OrganizationDirectory.class).membershipsOf(userId);
    Future<UserWorkspaces> workspaces = contexts.contract(WorkspaceDirectory.class).workspacesOf(userId, WORKSPACES_SHOWN);
    return Future.all(profile, organizations, workspaces).map(all -> json(profile.result(), organizations.result(), workspaces.result()));
  }

  private static JsonObject json(UserProfile profile, List<OrganizationMembership> organizations, UserWorkspaces workspaces) {
    JsonArray memberships = new JsonArray(new ArrayList<>(organizations.size()));
    organizations.forEach(org -> memberships.add(new JsonObject().put("id", org.id().toString()).put("name", org.name()).put("role", org.role().text())));
    JsonArray summaries = new JsonArray(new ArrayList<>(workspaces.workspaces().size()));
    workspaces.workspaces().forEach(ws -> summaries.add(new JsonObject()
        .put("id", ws.id().toString())
        .put("name", ws.name())
        .put("organizationId", ws.organizationId().toString())
        .put("accessLevel", ws.accessLevel().code())
        .put("inherited", ws.inherited())));
    return new JsonObject()
        .put("id", profile.id().toString())
        .put("email", profile.email())
        .put("name", profile.name())
        .put("emailVerified", profile.emailVerified())
        .put("mfaEnabled", profile.mfaEnabled())
        .put("currentWorkspaceId", workspaces.currentWorkspaceId().map(UUID::toString).orElse(null))
        .put("organizations", memberships)
        .put("workspaces", summaries);
  }
}
