package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Rejected;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** One top-up of the workspace, with its outcome; viewer. Another workspace's top-up id is {@code not_found}. */
final class ReadTopUp {

  private final BillingPorts context;

  ReadTopUp(BillingPorts context) {
    this.context = context;
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID topUpId = input.id("topUpId");
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(account -> context.topUps().byId(context.pool(), workspaceId, topUpId))
        .compose(found -> Rejected.orNotFound(found, "top-up"))
        .map(TopUp::toJson);
  }
}
