package io.atrium.billing.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A request to charge the card and credit the workspace; the worker completes it. */
record TopUp(UUID id, UUID workspaceId, long amount, String status, String failureReason, Instant createdAt, Instant completedAt) {

  static final String PENDING = "pending";

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("amount", Money.format(amount))
        .put("status", status)
        .put("createdAt", Times.text(createdAt))
        .put("completedAt", Times.text(completedAt));
    if (failureReason != null) {
      json.put("failureReason", failureReason);
    }
    return json;
  }
}
