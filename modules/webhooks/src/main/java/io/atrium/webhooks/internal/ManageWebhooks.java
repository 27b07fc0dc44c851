package io.atrium.webhooks.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** An organization's admins create, read, change and delete its webhook endpoints. */
final class ManageWebhooks {

  private final UnitOfWork<WebhookTables> storage;
  private final WebhookAccess access;
  private final WebhookUrls urls;
  private final SigningSecrets secrets;
  private final Clock clock;
  private final int maxPerOrganization;

  ManageWebhooks(UnitOfWork<WebhookTables> storage, WebhookAccess access, WebhookUrls urls, SigningSecrets secrets, Clock clock, int maxPerOrganization) {
    this.maxPerOrganization = maxPerOrganization;
    this.storage = storage;
    this.access = access;
    this.urls = urls;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The endpoint with its secret, shown only here. */
  Future<JsonObject> create(JsonObject request) {
    WebhookFields fields = new WebhookFields(request);
    UUID userId = fields.caller();
    UUID organizationId = fields.pathId("organizationId", "organization");
    String url = fields.url(urls);
    List<String> events = fields.events();
    List<UUID> workspaceIds = fields.workspaceIds();
    return fields.validated()
        .compose(valid -> access.requireAdmin(userId, organizationId))
        .compose(allowed -> access.requireWorkspaces(organizationId, workspaceIds))
        .compose(own -> urls.resolvable(url))
        .compose(resolved -> {
          Endpoint endpoint = new Endpoint(UUID.randomUUID(), organizationId, url, events, workspaceIds, true, Times.now(clock));
          String secret = secrets.generate();
          return storage.transaction(tables -> tables.endpoints().countLocked(organizationId)
                  .compose(count -> count >= maxPerOrganization ? Future.failedFuture(tooMany())
                      : tables.endpoints().insert(endpoint, secrets.seal(secret, endpoint.id()))))
              .map(inserted -> endpoint.toJson().put("secret", secret));
        });
  }

  /** Each endpoint is swept and sent to: the limit keeps one organization from taking the dispatcher's time. */
  private Throwable tooMany() {
    return Rejection.of(Codes.CONFLICT, "an organization has at most " + maxPerOrganization
        + " webhooks (webhooks.maxEndpointsPerOrganization): delete one first").with("limit", maxPerOrganization).failure();
  }

  Future<JsonObject> get(JsonObject request) {
    Target target = Target.of(request);
    return target.fields().validated().compose(valid -> target.find(access, storage.read().endpoints())).map(Endpoint::toJson);
  }

  /** Oldest first. */
  Future<JsonObject> list(JsonObject request) {
    WebhookFields fields = new WebhookFields(request);
    UUID userId = fields.caller();
    UUID organizationId = fields.pathId("organizationId", "organization");
    int limit = fields.limit();
    Position after = fields.cursor(Position::of);
    return fields.validated()
        .compose(valid -> access.requireAdmin(userId, organizationId))
        .compose(allowed -> storage.read().endpoints().page(organizationId, after == null ? null : after.createdAt(),
            after == null ? null : after.id(), limit + 1))
        .map(rows -> PageCursor.page(rows, limit, Endpoint::toJson, e -> PageCursor.of(Times.text(e.createdAt()), e.id())));
  }

  /** Only the fields given change; checked as on creation. */
  Future<JsonObject> change(JsonObject request) {
    Target target = Target.of(request);
    WebhookFields fields = target.fields();
    String url = fields.has("url") ? fields.url(urls) : null;
    List<String> events = fields.has("events") ? fields.events() : null;
    List<UUID> workspaceIds = request.containsKey("workspaceIds") ? fields.workspaceIds() : null;
    Boolean enabled = fields.has("enabled") ? fields.enabled() : null;
    return fields.validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> access.requireWorkspaces(found.organizationId(), workspaceIds == null ? List.of() : workspaceIds)
            .compose(own -> url == null ? Future.succeededFuture() : urls.resolvable(url))
            .map(checked -> new Endpoint(found.id(), found.organizationId(), url == null ? found.url() : url,
                events == null ? found.events() : events, workspaceIds == null ? found.workspaceIds() : workspaceIds,
                enabled == null ? found.enabled() : enabled, found.createdAt())))
        .compose(changed -> storage.transaction(tables -> tables.endpoints().update(changed, Times.now(clock)))
            .compose(updated -> updated ? Future.succeededFuture(changed.toJson()) : Future.failedFuture(Rejection.notFound("webhook").failure())));
  }

  Future<JsonObject> delete(JsonObject request) {
    Target target = Target.of(request);
    return target.fields().validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> storage.read().endpoints().delete(found.organizationId(), found.id()))
        .compose(deleted -> deleted ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(Rejection.notFound("webhook").failure()));
  }
}
