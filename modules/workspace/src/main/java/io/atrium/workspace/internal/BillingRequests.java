package io.atrium.workspace.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Bus;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The billing seams: asks {@link WorkspaceAddresses#RESOURCE_ADMISSION} before a resource starts running,
 * and {@link WorkspaceAddresses#CLOSE_BILLING} when a workspace is deleted. No handler (billing not
 * deployed) admits and has nothing to close; a rejection (payment_method_required, insufficient_credits) is passed
 * on as it is; any other failure fails.
 */
final class BillingRequests {

  private final Vertx vertx;

  BillingRequests(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> admit(UUID workspaceId, String plan, long hourlyPriceMicros) {
    JsonObject request = new JsonObject()
        .put("workspaceId", workspaceId.toString())
        .put("plan", plan)
        .put("hourlyPrice", Money.format(hourlyPriceMicros, 4));
    return BillingSeam.orWhenAbsent(Bus.request(vertx, WorkspaceAddresses.RESOURCE_ADMISSION, request).<Void>mapEmpty(), null);
  }

  /** Billing closes the workspace's account, or refuses ({@code top_up_pending}, {@code balance_not_zero}); nothing when not deployed. */
  Future<Void> closeBilling(UUID workspaceId) {
    JsonObject request = new JsonObject().put("workspaceId", workspaceId.toString());
    return BillingSeam.orWhenAbsent(Bus.request(vertx, WorkspaceAddresses.CLOSE_BILLING, request).<Void>mapEmpty(), null);
  }

  /** Opens the account again after a deletion that did not commit. */
  Future<Void> reopenBilling(UUID workspaceId) {
    JsonObject request = new JsonObject().put("workspaceId", workspaceId.toString());
    return BillingSeam.orWhenAbsent(Bus.request(vertx, WorkspaceAddresses.REOPEN_BILLING, request).<Void>mapEmpty(), null);
  }
}
