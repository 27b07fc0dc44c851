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
 * and {@link WorkspaceAddresses#BALANCE_OF} before a workspace is deleted. No handler (billing not
 * deployed) admits and reads zero; a rejection (payment_method_required, insufficient_credits) is passed
 * on as it is; any other failure fails.
 */
final class Admission {

  private final Vertx vertx;

  Admission(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> admit(UUID workspaceId, String plan, long hourlyPriceMicros) {
    JsonObject request = new JsonObject()
        .put("workspaceId", workspaceId.toString())
        .put("plan", plan)
        .put("hourlyPrice", Money.format(hourlyPriceMicros, 4));
    return BillingSeam.orWhenAbsent(Bus.request(vertx, WorkspaceAddresses.RESOURCE_ADMISSION, request).<Void>mapEmpty(), null);
  }

  /** The workspace's balance in micro-units; zero when billing is not deployed. */
  Future<Long> balance(UUID workspaceId) {
    JsonObject request = new JsonObject().put("workspaceId", workspaceId.toString());
    return BillingSeam.orWhenAbsent(Bus.request(vertx, WorkspaceAddresses.BALANCE_OF, request)
        .map(reply -> Money.parse(reply.getString("balance"))), 0L);
  }
}
