package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.billing.Runway;
import io.atrium.billing.SpendEntries;
import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code GET /workspaces/{id}/billing}: the account as the contract shows it, with the ledger's balance and status, the
 * month's spend against the budget and the {@link Runway}; viewer.
 */
final class ReadAccount {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;

  ReadAccount(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(this::view);
  }

  /** The account beside its ledger standing and spend. */
  Future<JsonObject> view(Account account) {
    Instant now = Times.now(collaborators.clock());
    Future<LedgerQueries.Standing> standing = storage.read().ledger().standing(account.workspaceId());
    // The month's spend only shows with a budget: without one, the scan stops at the runway's 7 days.
    Instant month = account.budget() == null ? null : monthStart(now);
    Future<LedgerQueries.Spend> spend = storage.read().ledger().spend(account.workspaceId(), Runway.windowStart(now), month);
    return Future.all(standing, spend).map(both -> {
      OptionalLong runway = account.paysByInvoice() ? OptionalLong.empty() : Runway.days(standing.result().balance(), spend.result().window());
      return new JsonObject()
          .put("currency", account.currency())
          .put("balance", Money.format(standing.result().balance()))
          .put("status", standing.result().status())
          .put("paymentMethod", paymentMethod(account))
          .put("lowBalanceThreshold", money(account.lowBalanceThreshold()))
          .put("autoTopUp", autoTopUp(account.autoTopUp(), standing.result().autoTopUpDisabledAt()))
          .put("budget", account.budget() == null ? null : new JsonObject().put("monthly", Money.format(account.budget().monthly()))
              .put("action", account.budget().action()).put("spentThisMonth", Money.format(spend.result().month())))
          .put("runwayDays", runway.isPresent() ? runway.getAsLong() : null);
    });
  }

  /** The budget's month: the calendar month in UTC, as usage buckets and invoices count it. */
  static Instant monthStart(Instant now) {
    return SpendEntries.monthStart(now);
  }

  /** {@code disabledAt}: the worker turned it off after 3 declines in a row under this setting (saving it again turns it on). */
  private static JsonObject autoTopUp(Account.AutoTopUp auto, Instant disabledAt) {
    if (auto == null) {
      return null;
    }
    JsonObject json = new JsonObject().put("mode", auto.mode()).put("threshold", Money.format(auto.threshold()));
    return (Account.AutoTopUp.TARGET.equals(auto.mode()) ? json.put("target", money(auto.target())) : json.put("amount", money(auto.amount())))
        .put("monthlyCap", money(auto.monthlyCap())).put("disabledAt", Times.text(disabledAt));
  }

  private static String money(Long micros) {
    return micros == null ? null : Money.format(micros);
  }

  private static JsonObject paymentMethod(Account account) {
    if (account.paysByCard()) {
      Account.Card card = account.card();
      return new JsonObject().put("type", Account.CARD).put("brand", card.brand()).put("last4", card.last4())
          .put("expMonth", card.expMonth()).put("expYear", card.expYear());
    }
    if (account.paysByInvoice()) {
      return new JsonObject().put("type", Account.INVOICE).put("invoiceAccountId", account.invoiceAccountId().toString());
    }
    return null;
  }
}
