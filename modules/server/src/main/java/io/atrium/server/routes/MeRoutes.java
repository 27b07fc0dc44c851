package io.atrium.server.routes;

import io.atrium.identity.IdentityAddresses;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Rejection;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * {@code GET/PATCH /me}: the profile (identity), the organizations (organization context), and the
 * accessible and current workspaces (workspace context), asked side by side and put together.
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

  private Future<JsonObject> me(RoutingContext ctx) {
    Future<JsonObject> profile = contexts.askAs(ctx, IdentityAddresses.ME, new JsonObject());
    Future<JsonObject> organizations = contexts.askAs(ctx, OrganizationAddresses.MEMBERSHIPS_OF_USER, new JsonObject());
    Future<JsonObject> workspaces = contexts.askAs(ctx, WorkspaceAddresses.LIST_FOR_USER, new JsonObject().put("limit", WORKSPACES_SHOWN));
    Future<JsonObject> current = contexts.askAs(ctx, WorkspaceAddresses.CURRENT_OF, new JsonObject());
    return Future.all(profile, organizations, workspaces, current).map(all -> profile.result().copy()
        .put("currentWorkspaceId", current.result().getValue("workspaceId"))
        .put("organizations", organizations.result().getJsonArray("items"))
        .put("workspaces", summaries(workspaces.result().getJsonArray("items"))));
  }

  private static JsonArray summaries(JsonArray workspaces) {
    JsonArray summaries = new JsonArray();
    workspaces.stream().map(JsonObject.class::cast).forEach(ws -> summaries.add(new JsonObject()
        .put("id", ws.getValue("id"))
        .put("name", ws.getValue("name"))
        .put("organizationId", ws.getValue("organizationId"))
        .put("accessLevel", ws.getValue("accessLevel"))
        .put("inherited", ws.getValue("inherited"))));
    return summaries;
  }
}
