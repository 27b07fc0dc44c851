package io.atrium.webhooks.internal;

import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A new signing secret; the old one keeps signing beside it for {@link #OVERLAP}, so receivers can switch without
 * refusing a delivery (Standard Webhooks: several space-separated signatures). A second rotation within the overlap
 * ends the first old secret's.
 */
final class RotateWebhookSecret {

  static final Duration OVERLAP = Duration.ofHours(24);

  private final UnitOfWork<WebhookTables> storage;
  private final WebhookAccess access;
  private final SigningSecrets secrets;
  private final Clock clock;

  RotateWebhookSecret(UnitOfWork<WebhookTables> storage, WebhookAccess access, SigningSecrets secrets, Clock clock) {
    this.storage = storage;
    this.access = access;
    this.secrets = secrets;
    this.clock = clock;
  }

  Future<JsonObject> rotate(JsonObject request) {
    Target target = Target.of(request);
    return target.fields().validated()
        .compose(valid -> target.find(access, storage.read().endpoints()))
        .compose(found -> {
          String secret = secrets.generate();
          Instant now = Times.now(clock);
          return storage.transaction(tables -> tables.endpoints().rotate(found.organizationId(), found.id(), secrets.seal(secret, found.id()),
                  now.plus(OVERLAP), now))
              .compose(rotated -> rotated ? Future.succeededFuture(new JsonObject().put("secret", secret))
                  : Future.failedFuture(Rejection.notFound("webhook").failure()));
        });
  }
}
