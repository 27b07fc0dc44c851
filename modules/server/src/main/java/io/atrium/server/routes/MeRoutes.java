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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET/PATCH /me}: the profile (identity), the organizations (organization context), and the accessible and
 * current workspaces (workspace context), read side by side through their typed contracts and put together. Each
 * comes from a per-process cache that database triggers keep true: {@code GET} takes the profile from the
 * authenticated caller (the token cache), so it runs no statement when all three are cached.
 */
final class MeRoutes {

  /** /me lists every workspace; past this many, clients page {@code GET /workspaces}. */
  private static final int WORKSPACES_SHOWN = 200;

  private final Contexts contexts;
  private final MeReplies replies = new MeReplies();

  private MeRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    MeRoutes routes = new MeRoutes(contexts);
    api.get("/me").handler(auth).handler(ctx -> Replies.encodedJson(ctx, 200, routes.me(ctx)));
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
    // The caller was authenticated before the rename: the profile is read again.
    Replies.encodedJson(ctx, 200, chosen.compose(done -> me(Caller.of(ctx).userId(), profileOf(Caller.of(ctx).userId()))));
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

  /** The profile as the token cache holds it (as fresh: a change to it evicts the user's tokens), and both lists. */
  private Future<Buffer> me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    return me(caller.userId(), Future.succeededFuture(
        new UserProfile(caller.userId(), caller.email(), caller.name(), caller.emailVerified(), caller.mfaEnabled())));
  }

  private Future<UserProfile> profileOf(UUID userId) {
    return contexts.contract(UserProfiles.class).profileOf(userId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get()) : Future.failedFuture(Rejection.notFound("User").failure()));
  }

  /** The organizations and the workspaces with the current one, side by side. */
  private Future<Buffer> me(UUID userId, Future<UserProfile> profile) {
    Future<List<OrganizationMembership>> organizations = contexts.contract(OrganizationDirectory.class).membershipsOf(userId);
    Future<UserWorkspaces> workspaces = contexts.contract(WorkspaceDirectory.class).workspacesOf(userId, WORKSPACES_SHOWN);
    return Future.all(profile, organizations, workspaces)
        .map(all -> replies.reply(profile.result(), organizations.result(), workspaces.result()));
  }
}
