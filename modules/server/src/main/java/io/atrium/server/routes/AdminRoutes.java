package io.atrium.server.routes;

import io.atrium.billing.BillingAddresses;
import io.atrium.server.http.Caller;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * API.md "Platform operators": the billing context decides who is one (config {@code operators}) from the
 * caller's email, which these routes pass on; everyone else gets 403. Also the organization admins'
 * read of invoice accounts.
 */
final class AdminRoutes {

  private final Contexts contexts;

  private AdminRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    AdminRoutes routes = new AdminRoutes(contexts);
    api.post("/admin/organizations/:orgId/invoice-accounts").handler(auth).handler(routes::createInvoiceAccount);
    api.get("/organizations/:orgId/invoice-accounts").handler(auth).handler(ctx -> contexts.reply(ctx, 200,
        BillingAddresses.LIST_INVOICE_ACCOUNTS, Paging.of(ctx).put("organizationId", Paths.uuid(ctx, "orgId"))));
    api.post("/admin/workspaces/:wsId/credit-grants").handler(auth).handler(routes::grantCredits);
    api.post("/admin/consumption-runs").handler(auth).handler(routes::runConsumption);
    api.post("/admin/invoice-runs").handler(auth).handler(routes::runInvoices);
  }

  private void createInvoiceAccount(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("name").requiredString("billingEmail").requiredString("address")
        .optionalString("vatId").optionalString("vatRate").valid();
    contexts.reply(ctx, 201, BillingAddresses.CREATE_INVOICE_ACCOUNT, operator(ctx, body.put("organizationId", Paths.uuid(ctx, "orgId"))));
  }

  private void grantCredits(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("amount").requiredString("reason").optionalString("expiresAt").valid();
    JsonObject fields = BillingRoutes.idempotent(ctx, body.mergeIn(WorkspaceRoutes.workspace(ctx)));
    contexts.reply(ctx, 202, BillingAddresses.GRANT_CREDITS, operator(ctx, fields));
  }

  private void runConsumption(RoutingContext ctx) {
    contexts.reply(ctx, 202, BillingAddresses.RUN_CONSUMPTION, operator(ctx, JsonBody.of(ctx).requiredString("hour").valid()));
  }

  private void runInvoices(RoutingContext ctx) {
    JsonObject fields = BillingRoutes.idempotent(ctx, JsonBody.of(ctx).requiredString("period").valid());
    contexts.reply(ctx, 202, BillingAddresses.RUN_INVOICES, operator(ctx, fields));
  }

  private static JsonObject operator(RoutingContext ctx, JsonObject fields) {
    return fields.put("email", Caller.of(ctx).email());
  }
}
