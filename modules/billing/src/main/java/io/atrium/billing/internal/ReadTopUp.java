package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Rejected;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** One top-up of the workspace, with its outcome; viewer. Another workspace's top-up id is {@code not_found}. */
final class ReadTopUp {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;

  ReadTopUp(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    UUID topUpId = input.id("topUpId");
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(account -> storage.read().topUps().byId(workspaceId, topUpId))
        .compose(found -> Rejected.orNotFound(found, "top-up"))
        .map(TopUp::toJson);
  }
}
