package io.atrium.server.routes;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Rejection;
import io.atrium.server.http.Caller;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Accepting and declining invitations, and the caller's pending ones. A token's prefix says which context
 * issued it; the context checks everything else (email, expiry, use).
 */
final class InvitationRoutes {

  private final Contexts contexts;

  private InvitationRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    InvitationRoutes routes = new InvitationRoutes(contexts);
    api.post("/invitations/accept").handler(auth).handler(ctx -> routes.answer(ctx, true));
    api.post("/invitations/decline").handler(auth).handler(ctx -> routes.answer(ctx, false));
    api.get("/me/invitations").handler(auth).handler(routes::mine);
    // No sign-in: the token, which went only to the invited address, is the authority to see what it invites to.
    api.post("/invitations/inspect").handler(routes::inspect);
  }

  private void inspect(RoutingContext ctx) {
    String token = JsonBody.of(ctx).requiredString("token").valid().getString("token");
    JsonObject request = new JsonObject().put("token", token);
    if (token.startsWith(OrganizationAddresses.INVITATION_TOKEN_PREFIX)) {
      Replies.json(ctx, 200, contexts.ask(OrganizationAddresses.INSPECT_INVITATION, request));
    } else if (token.startsWith(WorkspaceAddresses.INVITATION_TOKEN_PREFIX)) {
      Replies.json(ctx, 200, contexts.ask(WorkspaceAddresses.INSPECT_INVITATION, request).compose(invitation ->
          contexts.ask(OrganizationAddresses.DESCRIBE, new JsonObject().put("organizationId", invitation.getString("organizationId")))
              .map(organization -> invitation.put("organizationName", organization.getString("name")))));
    } else {
      throw Rejection.notFound("Invitation").failure();
    }
  }

  private void answer(RoutingContext ctx, boolean accept) {
    String token = JsonBody.of(ctx).requiredString("token").valid().getString("token");
    String address;
    if (token.startsWith(OrganizationAddresses.INVITATION_TOKEN_PREFIX)) {
      address = accept ? OrganizationAddresses.ACCEPT_INVITATION : OrganizationAddresses.DECLINE_INVITATION;
    } else if (token.startsWith(WorkspaceAddresses.INVITATION_TOKEN_PREFIX)) {
      address = accept ? WorkspaceAddresses.ACCEPT_INVITATION : WorkspaceAddresses.DECLINE_INVITATION;
    } else {
      throw Rejection.notFound("Invitation").failure();
    }
    JsonObject request = new JsonObject().put("token", token).put("email", Caller.of(ctx).email());
    if (accept) {
      contexts.reply(ctx, 200, address, request);
    } else {
      contexts.noContent(ctx, address, request);
    }
  }

  private void mine(RoutingContext ctx) {
    JsonObject byEmail = new JsonObject().put("email", Caller.of(ctx).email());
    Future<JsonObject> organizations = contexts.ask(OrganizationAddresses.INVITATIONS_FOR_EMAIL, byEmail);
    Future<JsonObject> workspaces = contexts.ask(WorkspaceAddresses.INVITATIONS_FOR_EMAIL, byEmail);
    Replies.json(ctx, 200, Future.all(organizations, workspaces).map(both -> {
      JsonArray items = new JsonArray();
      organizations.result().getJsonArray("items").forEach(items::add);
      workspaces.result().getJsonArray("items").forEach(items::add);
      return new JsonObject().put("items", items).putNull("nextCursor");
    }));
  }
}
