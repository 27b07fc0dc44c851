package io.atrium.webhooks.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** An endpoint's deliveries, newest first, and sending one of them again. */
final class DeliveryLog {

  private final UnitOfWork<WebhookTables> storage;
  private final WebhookAccess access;
  private final Clock clock;
  private final ManualSends limit;

  DeliveryLog(UnitOfWork<WebhookTables> storage, WebhookAccess access, Clock clock, ManualSends limit) {
    this.limit = limit;
    this.storage = storage;
    this.access = access;
    this.clock = clock;
  }

  Future<JsonObject> list(JsonObject request) {
    Target target = Target.of(request);
    int limit = target.fields().limit();
    Position after = target.fields().cursor(Position::of);
    return target.fields().validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> storage.read().deliveries().page(found.id(), after == null ? null : after.createdAt(),
            after == null ? null : after.id(), limit + 1))
        .map(rows -> PageCursor.page(rows, limit, row -> row, row -> PageCursor.of(row.getString("createdAt"), row.getString("id"))));
  }

  /** A fresh chain of attempts (the whole backoff again), the first due now. */
  Future<JsonObject> redeliver(JsonObject request) {
    Target target = Target.of(request);
    UUID deliveryId = target.fields().pathId("deliveryId", "delivery");
    return target.fields().validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> !found.enabled()
            ? Future.failedFuture(Rejection.conflict("the webhook is disabled: enable it first (PATCH enabled: true)").failure())
            : limit.count(found.id()).compose(counted -> storage.read().deliveries().redeliver(found.id(), deliveryId, Times.now(clock))))
        .compose(again -> again == null ? Future.failedFuture(Rejection.notFound("delivery").failure())
            : again ? Future.succeededFuture(new JsonObject())
            : Future.failedFuture(Rejection.conflict("the delivery is being sent now: redeliver it once its attempt is recorded").failure()));
  }
}
