package io.atrium.server.routes;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Organizations", domain rows: the email domains an organization proves by DNS. */
final class DomainRoutes {

  private DomainRoutes() {}

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    api.post("/organizations/:orgId/domains").handler(auth).handler(ctx -> contexts.reply(ctx, 201, OrganizationAddresses.DOMAIN_ADD,
        JsonBody.of(ctx).requiredString("domain").valid().mergeIn(org(ctx))));
    api.get("/organizations/:orgId/domains").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, OrganizationAddresses.DOMAIN_LIST, Paging.of(ctx).mergeIn(org(ctx))));
    api.delete("/organizations/:orgId/domains/:domain").handler(auth)
        .handler(ctx -> contexts.noContent(ctx, OrganizationAddresses.DOMAIN_DELETE, domain(ctx)));
    api.post("/organizations/:orgId/domains/:domain/verify").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, OrganizationAddresses.DOMAIN_VERIFY, domain(ctx)));
  }

  private static JsonObject org(RoutingContext ctx) {
    return new JsonObject().put("organizationId", Paths.uuid(ctx, "orgId"));
  }

  /** The path's domain goes as it is: the context answers 404 for one that is no domain name. */
  private static JsonObject domain(RoutingContext ctx) {
    return org(ctx).put("domain", ctx.pathParam("domain"));
  }
}
