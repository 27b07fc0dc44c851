package io.atrium.server.routes;

import io.atrium.billing.BillingAddresses;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Billing": a workspace's account, payment method, settings, alerts, top-ups, log, usage, and usage reports. */
final class BillingRoutes {

  private final Contexts contexts;

  private BillingRoutes(Contexts contexts) {
    this.contexts = contexts;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    BillingRoutes routes = new BillingRoutes(contexts);
    api.get("/workspaces/:wsId/billing").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, BillingAddresses.GET_ACCOUNT, WorkspaceRoutes.workspace(ctx)));
    api.put("/workspaces/:wsId/billing/payment-method").handler(auth).handler(routes::paymentMethod);
    api.put("/workspaces/:wsId/billing/settings").handler(auth).handler(routes::settings);
    api.get("/workspaces/:wsId/billing/alerts").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, BillingAddresses.GET_ALERTS, WorkspaceRoutes.workspace(ctx)));
    api.put("/workspaces/:wsId/billing/alerts").handler(auth).handler(routes::alerts);
    api.post("/workspaces/:wsId/billing/top-ups").handler(auth).handler(routes::topUp);
    api.get("/workspaces/:wsId/billing/top-ups/:topUpId").handler(auth).handler(ctx -> contexts.reply(ctx, 200,
        BillingAddresses.GET_TOP_UP, WorkspaceRoutes.workspace(ctx).put("topUpId", Paths.uuid(ctx, "topUpId"))));
    api.get("/workspaces/:wsId/billing/log").handler(auth).handler(ctx -> contexts.reply(ctx, 200, BillingAddresses.READ_LOG,
        query(ctx, Paging.of(ctx).mergeIn(WorkspaceRoutes.workspace(ctx)), "type", "from", "to")));
    api.get("/workspaces/:wsId/billing/usage").handler(auth).handler(ctx -> contexts.reply(ctx, 200, BillingAddresses.READ_USAGE,
        query(ctx, WorkspaceRoutes.workspace(ctx), "from", "to", "granularity")));
    api.post("/workspaces/:wsId/usage").handler(auth).handler(routes::reportUsage);
  }

  private void paymentMethod(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("type").optionalString("cardToken").optionalString("invoiceAccountId").valid();
    contexts.reply(ctx, 200, BillingAddresses.SET_PAYMENT_METHOD, body.mergeIn(WorkspaceRoutes.workspace(ctx)));
  }

  private void settings(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).optionalString("lowBalanceThreshold").optionalObject("autoTopUp").optionalObject("budget").valid();
    contexts.reply(ctx, 200, BillingAddresses.CHANGE_SETTINGS, body.mergeIn(WorkspaceRoutes.workspace(ctx)));
  }

  private void alerts(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredArray("thresholds").optionalInteger("runwayDays").valid();
    contexts.reply(ctx, 200, BillingAddresses.REPLACE_ALERTS, body.mergeIn(WorkspaceRoutes.workspace(ctx)));
  }

  private void topUp(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("amount").valid();
    contexts.reply(ctx, 202, BillingAddresses.REQUEST_TOP_UP, idempotent(ctx, body.mergeIn(WorkspaceRoutes.workspace(ctx))));
  }

  private void reportUsage(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredArray("events").valid();
    contexts.reply(ctx, 202, BillingAddresses.REPORT_USAGE, idempotent(ctx, body.mergeIn(WorkspaceRoutes.workspace(ctx))));
  }

  /** The request's {@code Idempotency-Key} header, passed on for the context to check and honour. */
  static JsonObject idempotent(RoutingContext ctx, JsonObject fields) {
    String key = ctx.request().getHeader("Idempotency-Key");
    return key == null ? fields : fields.put("idempotencyKey", key);
  }

  /** Copies the named query parameters that are present. */
  private static JsonObject query(RoutingContext ctx, JsonObject fields, String... names) {
    for (String name : names) {
      String value = ctx.queryParams().get(name);
      if (value != null) {
        fields.put(name, value);
      }
    }
    return fields;
  }
}
