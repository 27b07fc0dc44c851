package io.atrium.workspace.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Bus;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The billing seam: asks {@link WorkspaceAddresses#RESOURCE_ADMISSION} before a resource starts running.
 * No handler (billing not deployed) admits; a rejection (payment_method_required, insufficient_credits)
 * is passed on as it is; any other failure fails.
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
    return Bus.request(vertx, WorkspaceAddresses.RESOURCE_ADMISSION, request).<Void>mapEmpty()
        .recover(e -> noHandler(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private static boolean noHandler(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return true;
      }
    }
    return false;
  }
}
