package io.atrium.server.routes;

import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Workspaces": workspaces, their members, invitations and audit log. */
final class WorkspaceRoutes {

  private final Contexts contexts;

  private WorkspaceRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    WorkspaceRoutes routes = new WorkspaceRoutes(contexts);
    api.post("/organizations/:orgId/workspaces").handler(auth).handler(routes::create);
    api.get("/workspaces").handler(auth).handler(ctx -> routes.page(ctx, WorkspaceAddresses.LIST_FOR_USER, new JsonObject()));
    api.get("/workspaces/:wsId").handler(auth)
        .handler(ctx -> Replies.json(ctx, 200, contexts.workspace(ctx, Paths.uuid(ctx, "wsId")).map(Contexts::json)));
    api.patch("/workspaces/:wsId").handler(auth).handler(routes::rename);
    api.delete("/workspaces/:wsId").handler(auth).handler(ctx -> contexts.noContent(ctx, WorkspaceAddresses.DELETE, workspace(ctx)));
    api.get("/workspaces/:wsId/members").handler(auth).handler(ctx -> routes.page(ctx, WorkspaceAddresses.LIST_MEMBERS, workspace(ctx)));
    api.patch("/workspaces/:wsId/members/:userId").handler(auth).handler(routes::changeAccess);
    api.delete("/workspaces/:wsId/members/:userId").handler(auth)
        .handler(ctx -> contexts.noContent(ctx, WorkspaceAddresses.REMOVE_MEMBER, member(ctx)));
    api.post("/workspaces/:wsId/invitations").handler(auth).handler(routes::invite);
    api.get("/workspaces/:wsId/invitations").handler(auth).handler(ctx -> routes.page(ctx, WorkspaceAddresses.LIST_INVITATIONS, workspace(ctx)));
    api.delete("/workspaces/:wsId/invitations/:invitationId").handler(auth).handler(ctx -> contexts.noContent(ctx,
        WorkspaceAddresses.REVOKE_INVITATION, workspace(ctx).put("invitationId", Paths.uuid(ctx, "invitationId"))));
    api.get("/workspaces/:wsId/audit-log").handler(auth).handler(ctx -> routes.page(ctx, WorkspaceAddresses.AUDIT_LOG, workspace(ctx)));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("name").optionalString("currency").valid();
    contexts.reply(ctx, 201, WorkspaceAddresses.CREATE, body.put("organizationId", Paths.uuid(ctx, "orgId")));
  }

  private void rename(RoutingContext ctx) {
    contexts.reply(ctx, 200, WorkspaceAddresses.RENAME, JsonBody.of(ctx).requiredString("name").valid().mergeIn(workspace(ctx)));
  }

  private void changeAccess(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("accessLevel").valid();
    contexts.reply(ctx, 200, WorkspaceAddresses.CHANGE_MEMBER_ACCESS, body.mergeIn(member(ctx)));
  }

  private void invite(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("accessLevel").valid();
    contexts.reply(ctx, 201, WorkspaceAddresses.INVITE, body.mergeIn(workspace(ctx)));
  }

  private void page(RoutingContext ctx, String address, JsonObject fields) {
    contexts.reply(ctx, 200, address, Paging.of(ctx).mergeIn(fields));
  }

  static JsonObject workspace(RoutingContext ctx) {
    return new JsonObject().put("workspaceId", Paths.uuid(ctx, "wsId"));
  }

  private static JsonObject member(RoutingContext ctx) {
    return workspace(ctx).put("memberId", Paths.uuid(ctx, "userId"));
  }
}
