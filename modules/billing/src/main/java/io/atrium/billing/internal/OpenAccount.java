package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Opens a workspace's account: on {@code workspace.created}, and on first use when that event was lost
 * (the workspace context describes the workspace). Opening twice keeps the first.
 */
final class OpenAccount {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  OpenAccount(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  /** The {@code workspace.created} event: {@code {workspaceId, organizationId, currency, ...}}. */
  Future<Account> opened(JsonObject event) {
    return open(UUID.fromString(event.getString("workspaceId")), UUID.fromString(event.getString("organizationId")),
        event.getString("currency"));
  }

  /** The workspace's account, opened now if it has none; {@code not_found} when the workspace does not exist. */
  Future<Account> ensure(UUID workspaceId) {
    return storage.read().accounts().byId(workspaceId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get())
        : collaborators.workspaces().describe(workspaceId).compose(ws -> open(workspaceId,
            ws.organizationId(), ws.currency())));
  }

  private Future<Account> open(UUID workspaceId, UUID organizationId, String currency) {
    Accounts accounts = storage.read().accounts();
    return accounts.open(workspaceId, organizationId, currency, Times.now(collaborators.clock()))
        // null: a concurrent opening committed after this statement's snapshot; it is there now
        .compose(opened -> opened != null ? Future.succeededFuture(opened)
            : accounts.byId(workspaceId).map(found -> found.orElseThrow()));
  }
}
