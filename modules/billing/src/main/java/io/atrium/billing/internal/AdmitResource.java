package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Money;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Served for the workspace context before a resource starts running ({@code RESOURCE_ADMISSION}
 * {@code {workspaceId, plan, hourlyPrice}}): no payment method is {@code payment_method_required}; a card
 * (prepaid) workspace that is suspended or whose balance is below one hour of the plan is
 * {@code insufficient_credits}; an invoiced workspace is admitted (the invoice settles it).
 */
final class AdmitResource {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  AdmitResource(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  Future<JsonObject> admit(JsonObject request) {
    UUID workspaceId = Input.parseUuid(request.getValue("workspaceId"));
    if (workspaceId == null) {
      return Future.failedFuture(Rejection.notFound("workspace").failure());
    }
    long hourlyPrice = Money.parse(request.getString("hourlyPrice", "0"));
    return new OpenAccount(storage, collaborators).ensure(workspaceId).compose(account -> {
      if (account.paysByInvoice()) {
        return Future.succeededFuture(new JsonObject());
      }
      if (!account.paysByCard()) {
        return Future.failedFuture(Rejection.of(Codes.PAYMENT_METHOD_REQUIRED, "the workspace has no payment method").failure());
      }
      return storage.read().ledger().standing(workspaceId).compose(standing -> standing.suspended()
          || standing.balance() < hourlyPrice
          ? Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_CREDITS, "the balance is below one hour of the plan").failure())
          : Future.succeededFuture(new JsonObject()));
    });
  }
}
