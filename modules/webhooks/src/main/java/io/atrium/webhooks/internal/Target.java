package io.atrium.webhooks.internal;

import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.util.UUID;

/** The endpoint a request names by path ({@code organizationId}, {@code webhookId}), as an admin of its organization sees it. */
record Target(WebhookFields fields, UUID userId, UUID organizationId, UUID webhookId) {

  static Target of(io.vertx.core.json.JsonObject request) {
    WebhookFields fields = new WebhookFields(request);
    return new Target(fields, fields.caller(), fields.pathId("organizationId", "organization"), fields.pathId("webhookId", "webhook"));
  }

  /** The endpoint; {@code not_found} when the organization has none of that id. */
  Future<Endpoint> find(WebhookAccess access, Endpoints endpoints) {
    return access.requireAdmin(userId, organizationId)
        .compose(allowed -> endpoints.find(organizationId, webhookId))
        .compose(found -> found != null ? Future.succeededFuture(found) : Future.failedFuture(Rejection.notFound("webhook").failure()));
  }
}
