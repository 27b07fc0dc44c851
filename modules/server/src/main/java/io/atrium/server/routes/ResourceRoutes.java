package io.atrium.server.routes;

import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Resources": the price catalogue and a workspace's servers. */
final class ResourceRoutes {

  private ResourceRoutes() {}

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    api.get("/pricing").handler(auth).handler(ctx -> contexts.reply(ctx, 200, WorkspaceAddresses.PRICING, new JsonObject()));
    api.post("/workspaces/:wsId/resources").handler(auth).handler(ctx -> {
      JsonObject body = JsonBody.of(ctx).requiredString("type").requiredString("name").requiredString("plan").valid();
      contexts.reply(ctx, 201, WorkspaceAddresses.CREATE_RESOURCE, body.mergeIn(WorkspaceRoutes.workspace(ctx)));
    });
    api.get("/workspaces/:wsId/resources").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, WorkspaceAddresses.LIST_RESOURCES, Paging.of(ctx).mergeIn(WorkspaceRoutes.workspace(ctx))));
    api.get("/workspaces/:wsId/resources/:resourceId").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, WorkspaceAddresses.GET_RESOURCE, resource(ctx)));
    api.post("/workspaces/:wsId/resources/:resourceId/stop").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, WorkspaceAddresses.STOP_RESOURCE, resource(ctx)));
    api.post("/workspaces/:wsId/resources/:resourceId/start").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, WorkspaceAddresses.START_RESOURCE, resource(ctx)));
    api.delete("/workspaces/:wsId/resources/:resourceId").handler(auth)
        .handler(ctx -> contexts.noContent(ctx, WorkspaceAddresses.DELETE_RESOURCE, resource(ctx)));
  }

  private static JsonObject resource(RoutingContext ctx) {
    return WorkspaceRoutes.workspace(ctx).put("resourceId", Paths.uuid(ctx, "resourceId"));
  }
}
