package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Sets a workspace's payment method. A card: workspace billing or admin; the provider turns the token into a card
 * (an expired or unknown token is {@code validation_failed} on {@code cardToken}). An invoice account:
 * organization admin (API.md), and the account must belong to the workspace's organization, else
 * {@code not_found}, the same as an id that does not exist. Each change also opens a period of the
 * payment-method history, which invoice runs read: a workspace is on an invoice only while it was invoiced. A move from card (or
 * no method) to an invoice account queues, in the same transaction, the worker's {@link BillingJobs#CARRY_DEBT} job: a negative
 * balance goes to the account's next invoice, measured by the ledger.
 */
final class ChangePaymentMethod {

  private static final Set<String> TYPES = Set.of(Account.CARD, Account.INVOICE);

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;
  private final ReadAccount reading;

  ChangePaymentMethod(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, ReadAccount reading) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
    this.reading = reading;
  }

  Future<JsonObject> change(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    Object type = request.getValue("type");
    if (!(type instanceof String text && TYPES.contains(text))) { // Set.of refuses null
      input.error("type", "must be card or invoice");
    } else if (Account.CARD.equals(type)) {
      input.text("cardToken", 1, 255);
    } else if (Input.parseUuid(request.getValue("invoiceAccountId")) == null) {
      input.error("invoiceAccountId", "must be the id of an invoice account");
    }
    return input.validated().compose(valid -> Account.CARD.equals(type)
        ? card(userId, workspaceId, request.getString("cardToken"))
        : invoice(userId, workspaceId, UUID.fromString(request.getString("invoiceAccountId"))));
  }

  private Future<JsonObject> card(UUID userId, UUID workspaceId, String token) {
    return guard.require(userId, workspaceId, AccessLevel.BILLING)
        .compose(account -> collaborators.provider().attach(token))
        .compose(card -> storage.transaction(tables -> tables.accounts().payByCard(workspaceId,
            new Account.Card(card.reference(), card.brand(), card.last4(), card.expMonth(), card.expYear()), Times.now(collaborators.clock()))))
        .compose(reading::view);
  }

  private Future<JsonObject> invoice(UUID userId, UUID workspaceId, UUID invoiceAccountId) {
    return guard.require(userId, workspaceId, AccessLevel.VIEWER)
        .compose(account -> collaborators.organizations().roleOf(userId, account.organizationId()).compose(role -> role != null
            && role.atLeast(OrganizationRole.ADMIN) ? Future.succeededFuture(account) : Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS,
            "needs admin role in the workspace's organization to bill it by invoice").failure())))
        .compose(account -> storage.read().invoiceAccounts().byId(invoiceAccountId).compose(found -> found.isPresent()
            && found.get().organizationId().equals(account.organizationId()) ? Future.succeededFuture(account)
            : Future.failedFuture(Rejection.notFound("invoice account").failure())))
        .compose(account -> storage.transaction((tables, outgoing) -> switchToInvoice(tables, outgoing, workspaceId, invoiceAccountId)))
        .compose(reading::view);
  }

  // The account's row locked first: of two switches at once, one sees the other's invoice method and queues no second job.
  private Future<Account> switchToInvoice(BillingTables tables, UnitOfWork.Outgoing outgoing, UUID workspaceId, UUID invoiceAccountId) {
    Instant now = Times.now(collaborators.clock());
    return tables.accounts().lock(workspaceId).compose(before -> tables.accounts().payByInvoice(workspaceId, invoiceAccountId, now)
        .compose(after -> before.isPresent() && before.get().paysByInvoice() ? Future.succeededFuture(after)
            : outgoing.send(collaborators.job(workspaceId, BillingJobs.CARRY_DEBT, new JsonObject().put("workspaceId", workspaceId.toString())
                .put("currency", after.currency()).put("invoiceAccountId", invoiceAccountId.toString()).put("switchedAt", Times.text(now))))
                .map(after)));
  }
}
