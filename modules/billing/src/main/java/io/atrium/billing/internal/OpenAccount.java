package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Opens a workspace's account: on {@code workspace.created}, and on first use when that event was lost
 * (the workspace context describes the workspace). Opening twice keeps the first.
 */
final class OpenAccount {

  private final BillingPorts context;

  OpenAccount(BillingPorts context) {
    this.context = context;
  }

  /** The {@code workspace.created} event: {@code {workspaceId, organizationId, currency, ...}}. */
  Future<Account> opened(JsonObject event) {
    return open(UUID.fromString(event.getString("workspaceId")), UUID.fromString(event.getString("organizationId")),
        event.getString("currency"));
  }

  /** The workspace's account, opened now if it has none; {@code not_found} when the workspace does not exist. */
  Future<Account> ensure(UUID workspaceId) {
    return context.accounts().byId(context.pool(), workspaceId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get())
        : context.workspaces().describe(workspaceId).compose(ws -> open(workspaceId,
            ws.organizationId(), ws.currency())));
  }

  private Future<Account> open(UUID workspaceId, UUID organizationId, String currency) {
    return context.accounts().open(context.pool(), workspaceId, organizationId, currency, Times.now(context.clock()))
        // null: a concurrent opening committed after this statement's snapshot; it is there now
        .compose(opened -> opened != null ? Future.succeededFuture(opened)
            : context.accounts().byId(context.pool(), workspaceId).map(found -> found.orElseThrow()));
  }
}
