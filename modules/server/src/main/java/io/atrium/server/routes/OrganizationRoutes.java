package io.atrium.server.routes;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Organizations": the organizations, their members, invitations, workspaces and audit log. */
final class OrganizationRoutes {

  private final Contexts contexts;

  private OrganizationRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    OrganizationRoutes routes = new OrganizationRoutes(contexts);
    api.post("/organizations").handler(auth).handler(routes::create);
    api.get("/organizations").handler(auth).handler(ctx -> routes.page(ctx, OrganizationAddresses.LIST_FOR_USER, new JsonObject()));
    api.get("/organizations/:orgId").handler(auth).handler(ctx -> Replies.json(ctx, 200,
        MfaGate.withRequirement(contexts, ctx, contexts.askAs(ctx, OrganizationAddresses.GET, org(ctx)))));
    api.patch("/organizations/:orgId").handler(auth).handler(ctx -> MfaGate.update(contexts, ctx, org(ctx)));
    api.delete("/organizations/:orgId").handler(auth).handler(ctx -> contexts.noContent(ctx, OrganizationAddresses.DELETE, org(ctx)));
    api.get("/organizations/:orgId/members").handler(auth).handler(ctx -> routes.page(ctx, OrganizationAddresses.LIST_MEMBERS, org(ctx)));
    api.patch("/organizations/:orgId/members/:userId").handler(auth).handler(routes::changeRole);
    api.delete("/organizations/:orgId/members/:userId").handler(auth)
        .handler(ctx -> contexts.noContent(ctx, OrganizationAddresses.REMOVE_MEMBER, member(ctx)));
    api.post("/organizations/:orgId/invitations").handler(auth).handler(routes::invite);
    api.get("/organizations/:orgId/invitations").handler(auth).handler(ctx -> routes.page(ctx, OrganizationAddresses.LIST_INVITATIONS, org(ctx)));
    api.delete("/organizations/:orgId/invitations/:invitationId").handler(auth).handler(ctx -> contexts.noContent(ctx,
        OrganizationAddresses.REVOKE_INVITATION, org(ctx).put("invitationId", Paths.uuid(ctx, "invitationId"))));
    api.get("/organizations/:orgId/workspaces").handler(auth).handler(ctx -> routes.page(ctx, WorkspaceAddresses.LIST_IN_ORGANIZATION, org(ctx)));
    api.get("/organizations/:orgId/audit-log").handler(auth).handler(ctx -> routes.page(ctx, OrganizationAddresses.AUDIT_LOG, org(ctx)));
  }

  private void create(RoutingContext ctx) {
    contexts.reply(ctx, 201, OrganizationAddresses.CREATE, JsonBody.of(ctx).requiredString("name").valid());
  }

  private void changeRole(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("role").valid();
    contexts.reply(ctx, 200, OrganizationAddresses.CHANGE_MEMBER_ROLE, body.mergeIn(member(ctx)));
  }

  private void invite(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("email").requiredString("role").valid();
    contexts.reply(ctx, 201, OrganizationAddresses.INVITE, body.mergeIn(org(ctx)));
  }

  private void page(RoutingContext ctx, String address, JsonObject fields) {
    contexts.reply(ctx, 200, address, Paging.of(ctx).mergeIn(fields));
  }

  private static JsonObject org(RoutingContext ctx) {
    return new JsonObject().put("organizationId", Paths.uuid(ctx, "orgId"));
  }

  private static JsonObject member(RoutingContext ctx) {
    return org(ctx).put("memberId", Paths.uuid(ctx, "userId"));
  }
}
