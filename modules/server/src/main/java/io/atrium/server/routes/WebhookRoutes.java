package io.atrium.server.routes;

import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Paging;
import io.atrium.webhooks.WebhookAddresses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** API.md "Webhooks": an organization's signed webhook endpoints and their delivery log, for its admins. */
final class WebhookRoutes {

  private static final String WEBHOOKS = "/organizations/:orgId/webhooks";
  private static final String WEBHOOK = WEBHOOKS + "/:webhookId";

  private WebhookRoutes() {}

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth) {
    api.post(WEBHOOKS).handler(auth).handler(ctx -> contexts.reply(ctx, 201, WebhookAddresses.CREATE, body(ctx).mergeIn(org(ctx))));
    api.get(WEBHOOKS).handler(auth).handler(ctx -> contexts.reply(ctx, 200, WebhookAddresses.LIST, Paging.of(ctx).mergeIn(org(ctx))));
    api.get(WEBHOOK).handler(auth).handler(ctx -> contexts.reply(ctx, 200, WebhookAddresses.GET, webhook(ctx)));
    api.patch(WEBHOOK).handler(auth).handler(ctx -> contexts.reply(ctx, 200, WebhookAddresses.CHANGE, body(ctx).mergeIn(webhook(ctx))));
    api.delete(WEBHOOK).handler(auth).handler(ctx -> contexts.noContent(ctx, WebhookAddresses.DELETE, webhook(ctx)));
    api.post(WEBHOOK + "/rotate-secret").handler(auth).handler(ctx -> contexts.reply(ctx, 200, WebhookAddresses.ROTATE_SECRET, webhook(ctx)));
    api.post(WEBHOOK + "/test").handler(auth).handler(ctx -> contexts.reply(ctx, 202, WebhookAddresses.SEND_TEST, webhook(ctx)));
    api.get(WEBHOOK + "/deliveries").handler(auth)
        .handler(ctx -> contexts.reply(ctx, 200, WebhookAddresses.DELIVERIES, Paging.of(ctx).mergeIn(webhook(ctx))));
    api.post(WEBHOOK + "/deliveries/:deliveryId/redeliver").handler(auth).handler(ctx -> contexts.reply(ctx, 202, WebhookAddresses.REDELIVER,
        webhook(ctx).put("deliveryId", Paths.uuid(ctx, "deliveryId"))));
  }

  /** The body's members as given: the webhooks context checks each (and names {@code events[i]}). */
  private static JsonObject body(RoutingContext ctx) {
    return JsonBody.of(ctx).optionalString("url").optionalArray("events").optionalArray("workspaceIds").optionalBoolean("enabled").valid();
  }

  private static JsonObject org(RoutingContext ctx) {
    return new JsonObject().put("organizationId", Paths.uuid(ctx, "orgId"));
  }

  private static JsonObject webhook(RoutingContext ctx) {
    return org(ctx).put("webhookId", Paths.uuid(ctx, "webhookId"));
  }
}
