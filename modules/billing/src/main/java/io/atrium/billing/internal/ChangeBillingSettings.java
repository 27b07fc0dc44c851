package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.billing.BillingJobs;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Changes the low-balance threshold, auto top-up and budget; workspace billing or admin. An absent key keeps its setting, {@code null}
 * turns it off. An auto top-up needs a card, as top-ups do. The change and the worker's {@link BillingJobs#REEVALUATE} job
 * are written in ONE transaction, on the locked account row; the worker acts on the settings.
 */
final class ChangeBillingSettings {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;
  private final ReadAccount reading;

  ChangeBillingSettings(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, ReadAccount reading) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
    this.reading = reading;
  }

  Future<JsonObject> change(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    boolean thresholdGiven = request.containsKey("lowBalanceThreshold");
    Long threshold = request.getValue("lowBalanceThreshold") == null ? null : input.money("lowBalanceThreshold", 0, TopUpLimits.MAX_BALANCE);
    boolean autoGiven = request.containsKey("autoTopUp");
    Account.AutoTopUp auto = SpendSettingsInput.autoTopUp(input, request.getValue("autoTopUp"));
    boolean budgetGiven = request.containsKey("budget");
    Account.Budget budget = SpendSettingsInput.budget(input, request.getValue("budget"));
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.BILLING))
        .compose(checked -> storage.transaction((tables, outgoing) -> tables.accounts().lock(workspaceId)
            .compose(found -> found.isEmpty() ? Future.failedFuture(Rejection.notFound("workspace").failure())
                : cardFor(auto, found.get()))
            .compose(account -> tables.accounts().changeSettings(workspaceId,
                thresholdGiven ? threshold : account.lowBalanceThreshold(), autoGiven ? auto : account.autoTopUp(), autoGiven,
                budgetGiven ? budget : account.budget(), Times.now(collaborators.clock())))
            .compose(changed -> reevaluate(outgoing, collaborators, changed).map(changed))))
        .compose(reading::view);
  }

  /** An auto top-up charges the card: like a top-up, none without one and none for an invoiced workspace. */
  private static Future<Account> cardFor(Account.AutoTopUp auto, Account account) {
    if (auto == null || account.paysByCard()) {
      return Future.succeededFuture(account);
    }
    return Future.failedFuture(account.paysByInvoice()
        ? Rejection.conflict("an invoiced workspace has no auto top-up: its usage is invoiced").failure()
        : Rejection.of(Codes.PAYMENT_METHOD_REQUIRED, "set a card as payment method before an auto top-up").failure());
  }

  /** The worker's look at the workspace under its new settings (or alerts). */
  static Future<Void> reevaluate(UnitOfWork.Outgoing outgoing, BillingCollaborators collaborators, Account account) {
    JsonObject job = new JsonObject().put("workspaceId", account.workspaceId().toString()).put("currency", account.currency());
    return outgoing.send(collaborators.job(account.workspaceId(), BillingJobs.REEVALUATE, job));
  }
}
